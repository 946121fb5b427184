using System.Globalization;
using Bots1C.Domain.Scenarios.Methods;

namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>Turns a customer's answer into the stored value of its type, or null when it does not fit.</summary>
public static class AnswerParser
{
    public const int MaxTextAnswer = 1000;
    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "d.M.yy", "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static string? Parse(Step question, string answer)
    {
        answer = answer.Trim();
        if (answer.Length == 0)
            return null;
        return question.AnswerType switch
        {
            AnswerType.Text => answer.Length <= MaxTextAnswer ? answer : null,
            AnswerType.Number => Number(answer),
            AnswerType.Date => DateTime.TryParseExact(answer, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            AnswerType.Email => EmailAddresses.IsValid(answer) ? answer : null,
            AnswerType.Phone => PhoneNormalizer.ToE164(answer),
            AnswerType.Choice => question.Choices.FirstOrDefault(c => TriggerMatcher.Normalize(c) == TriggerMatcher.Normalize(answer)
                && TriggerMatcher.Normalize(c).Length > 0),
            _ => null,
        };
    }

    /// <summary>"1 234,5" and "1234.5" are the same number; stored in invariant form.</summary>
    public static string? Number(string text)
    {
        var compact = text.Replace(" ", "").Replace("\u00a0", "").Replace(',', '.');
        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture) : null;
    }
}
