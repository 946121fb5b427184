using System.Text.RegularExpressions;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// The names a scenario may use: <c>vars.&lt;name&gt;</c> for its own variables and <c>contact.&lt;field&gt;</c>
/// for the contact it talks to. Texts hold them as <c>{{vars.city}}</c>.
/// </summary>
public static partial class ScenarioVariables
{
    public const string VarsPrefix = "vars.";
    public const string ContactPrefix = "contact.";

    /// <summary>The contact fields a scenario can read; <see cref="WritableContactFields"/> it can also set.</summary>
    public static readonly IReadOnlyList<string> ContactFields = ["firstName", "lastName", "name", "username", "phone", "email", "language",
        "replyLanguage", "phoneTyped"];
    public static readonly IReadOnlyList<string> WritableContactFields = ["firstName", "lastName", "phone", "email"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    public static partial Regex Placeholder();

    public static bool IsVariableName(string? name) => name is not null && VariableName().IsMatch(name);

    /// <summary>A reference a condition or placeholder may read: <c>vars.x</c> or a known <c>contact.</c> field.</summary>
    public static bool IsReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
            return false;
        reference = reference.Trim();
        if (reference.StartsWith(VarsPrefix, StringComparison.Ordinal))
            return IsVariableName(reference[VarsPrefix.Length..]);
        return reference.StartsWith(ContactPrefix, StringComparison.Ordinal)
            && ContactFields.Contains(reference[ContactPrefix.Length..]);
    }

    /// <summary>The placeholders of a text that name nothing known.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(r => !IsReference(r));
}
