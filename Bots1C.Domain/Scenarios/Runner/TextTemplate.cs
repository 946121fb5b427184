using System.Text.Json;

namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>Fills <c>{{vars.x}}</c> and <c>{{contact.field}}</c> placeholders; unknown or empty ones become "".
/// Each destination escapes values its own way, so a customer's answer cannot break a URL or a JSON body.</summary>
public static class TextTemplate
{
    public static string Render(string? text, IReadOnlyDictionary<string, string> variables, ContactFacts contact,
        Func<string, string>? escape = null)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("{{", StringComparison.Ordinal))
            return text ?? "";
        return ScenarioVariables.Placeholder().Replace(text, m =>
        {
            var value = Read(m.Groups[1].Value.Trim(), variables, contact) ?? "";
            return escape is null ? value : escape(value);
        });
    }

    public static string? Read(string reference, IReadOnlyDictionary<string, string> variables, ContactFacts contact)
    {
        if (reference.StartsWith(ScenarioVariables.VarsPrefix, StringComparison.Ordinal))
            return variables.GetValueOrDefault(reference[ScenarioVariables.VarsPrefix.Length..]);
        if (reference.StartsWith(ScenarioVariables.ContactPrefix, StringComparison.Ordinal))
            return contact[reference[ScenarioVariables.ContactPrefix.Length..]];
        return null;
    }

    public static string ForUrl(string value) => Uri.EscapeDataString(value);

    /// <summary>Inside a JSON string literal: the value's JSON escaping without the quotes.</summary>
    public static string ForJson(string value) => JsonSerializer.Serialize(value)[1..^1];

    /// <summary>Header values must stay on one line.</summary>
    public static string ForHeader(string value) => value.Replace("\r", "").Replace("\n", " ");
}
