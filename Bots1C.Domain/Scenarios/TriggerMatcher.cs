using System.Text;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// How customers' words meet triggers: commands by name (a <c>@botname</c> suffix ignored), phrases and
/// keywords with case, punctuation, repeated spaces and <c>ё/е</c> ignored.
/// </summary>
public static class TriggerMatcher
{
    /// <summary>Words that open the main menu in any scenario, in both languages.</summary>
    public static readonly IReadOnlyList<string> MenuWords = ["/start", "/menu", "menu", "меню", "главное меню", "main menu"];

    public static bool IsCommand(string value) =>
        value.Length > 1 && value[0] == '/' && !value.Any(char.IsWhiteSpace);

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw) == 'ё' ? 'е' : char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                sb.Append(c);
                space = false;
            }
            else
                space = true;
        }
        return sb.ToString();
    }

    /// <summary>The command a message starts with, without <c>@botname</c> and arguments, lower-cased; null if none.</summary>
    public static string? CommandOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var first = text.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        if (!IsCommand(first))
            return null;
        var at = first.IndexOf('@');
        return (at > 0 ? first[..at] : first).ToLowerInvariant();
    }

    public static bool IsMenuRequest(string? text) =>
        CommandOf(text) is "/start" or "/menu" || MenuWords.Contains(Normalize(text));

    public static bool Matches(Trigger trigger, string? text, string? buttonData)
    {
        switch (trigger.Kind)
        {
            case TriggerKind.ButtonPayload:
                return buttonData is not null && buttonData == trigger.Value.Trim();
            case TriggerKind.Command:
                return CommandOf(text) is { } command && command == trigger.Value.Trim().ToLowerInvariant();
            case TriggerKind.Phrase:
                return Normalize(text) is { Length: > 0 } said && said == Normalize(trigger.Value);
            case TriggerKind.Keyword:
                var words = Normalize(trigger.Value);
                return words.Length > 0 && $" {Normalize(text)} ".Contains($" {words} ", StringComparison.Ordinal);
            default:
                return false;
        }
    }
}
