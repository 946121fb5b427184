using System.Globalization;
using System.Text.RegularExpressions;

namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>Compares a variable or contact field with a value. Numbers compare as numbers, dates (yyyy-MM-dd or
/// dd.MM.yyyy) as dates, everything else as text ignoring case (the same on every server, whatever its culture).</summary>
public static class ConditionEvaluator
{
    public static bool Evaluate(ConditionOperator op, string? left, string right, out RunnerWarning? warning)
    {
        warning = null;
        left = left?.Trim() ?? "";
        right = right.Trim();
        switch (op)
        {
            case ConditionOperator.IsEmpty:
                return left.Length == 0;
            case ConditionOperator.IsNotEmpty:
                return left.Length > 0;
            case ConditionOperator.Equals:
                return Compare(left, right) == 0;
            case ConditionOperator.NotEquals:
                return Compare(left, right) != 0;
            case ConditionOperator.Contains:
                return left.Contains(right, StringComparison.InvariantCultureIgnoreCase);
            case ConditionOperator.Greater:
                return left.Length > 0 && Compare(left, right) > 0;
            case ConditionOperator.Less:
                return left.Length > 0 && Compare(left, right) < 0;
            case ConditionOperator.MatchesPattern:
                try
                {
                    return Regex.IsMatch(left, right, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (Exception e) when (e is RegexMatchTimeoutException or ArgumentException)
                {
                    warning = new RunnerWarning(ScenarioEvents.PatternFailed(right, e.Message));
                    return false;
                }
            default:
                return false;
        }
    }

    private static int Compare(string left, string right)
    {
        if (AnswerParser.Number(left) is { } l && AnswerParser.Number(right) is { } r)
            return decimal.Parse(l, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(r, CultureInfo.InvariantCulture));
        if (AsDate(left) is { } ld && AsDate(right) is { } rd)
            return ld.CompareTo(rd);
        return string.Compare(left, right, StringComparison.InvariantCultureIgnoreCase);
    }

    private static DateTime? AsDate(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
