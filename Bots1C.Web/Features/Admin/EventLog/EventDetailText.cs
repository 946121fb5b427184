using System.Globalization;
using System.Text.RegularExpressions;
using Bots1C.Domain.EventLog;
using Bots1C.Web.Components.Shared;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Features.Admin.EventLog;

/// <summary>
/// An event's details in the reader's language: the text <c>EventDetail.{Code}[.{Variant}]</c> with the entry's named
/// values put in, each formatted by its name (reasons in words, messengers, roles and states by their names, times in
/// the reader's zone, numbers in their culture). An entry without values (written before they were kept), or one whose
/// text or values cannot be put together, shows its English message instead: never a raw code or an empty hole.
/// </summary>
public static partial class EventDetailText
{
    private static readonly HashSet<string> Numbers = ["attempts", "limit", "problems", "clashes", "count", "more", "maxBytes", "waiting",
        "read", "created", "updated", "archived"];

    /// <summary>The details to show, and whether they are the stored English message (the page marks those lang="en").</summary>
    public static (string Text, bool English) Of(EventLogEntry entry, IStringLocalizer<SharedResource> l, UserClock clock)
    {
        if (EventDetail.ReadJson(entry.Args) is not { } args)
            return (entry.Message, true);
        args.Remove(EventDetail.VariantArg, out var variant);
        if (l[EventDetail.TextKeyOf(entry.Code, variant)] is not { ResourceNotFound: false } text)
            return (entry.Message, true);
        var complete = true;
        var rendered = Hole().Replace(text.Value, hole =>
        {
            if (args.TryGetValue(hole.Groups[1].Value, out var value) && Format(hole.Groups[1].Value, value, l, clock) is { } shown)
                return shown;
            complete = false;
            return hole.Value;
        });
        return complete ? (rendered, false) : (entry.Message, true);
    }

    /// <summary>The names in a text's holes, for the tests that hold texts and writers together.</summary>
    public static IReadOnlySet<string> HolesOf(string text) => Hole().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>A value as the reader reads it; null when it cannot be said in their language (the English message is shown).</summary>
    private static string? Format(string name, string value, IStringLocalizer<SharedResource> l, UserClock clock)
    {
        if (value.Length == 0)
            return l["EventDetail.None"];
        switch (name)
        {
            case "reason" or "error":
                return l.Reason(value);
            case "messenger":
                return Named(l, "Messenger", value);
            case "roles" or "rolesBefore":
                var roles = value.Split(',').Select(r => Named(l, "Role", r)).ToList();
                return roles.Any(r => r is null) ? null : string.Join(", ", roles);
            case "state" or "stateBefore":
                return Named(l, "BotState", value);
            case "check":
                return Named(l, "License.KeyCheck", value);
            case "licenseType":
                return Named(l, "License.Type", value);
            case "problem":
                return Named(l, "ScenarioImport.Problem", value);
            case "syncFailure":
                return Named(l, "SyncFailure", value);
            case "findings":
                var findings = value.Split(',').Select(f => Finding(l, f)).ToList();
                return findings.Any(f => f is null) ? null : string.Join("; ", findings);
            case "until":
                return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? clock.DateAndTime(at) : null;
            case "validUntil":
                return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var day) ? clock.DateOf(day) : null;
            default:
                return Numbers.Contains(name) && long.TryParse(value, CultureInfo.InvariantCulture, out var number)
                    ? number.ToString("N0", clock.Culture)
                    : value;
        }
    }

    /// <summary>"Certificate:Fail:CertificateExpired" as the diagnostics wizard says it.</summary>
    private static string? Finding(IStringLocalizer<SharedResource> l, string finding)
    {
        var parts = finding.Split(':');
        if (parts.Length != 3 || Named(l, "Diag.Step", parts[0]) is not { } step || Named(l, "Diag.Outcome", parts[1]) is not { } outcome)
            return null;
        var problem = parts[2].Length == 0 ? null : Named(l, "Diag.Problem", parts[2]);
        return problem is null ? $"{step}: {outcome}" : $"{step}: {outcome} — {problem}";
    }

    private static string? Named(IStringLocalizer<SharedResource> l, string prefix, string value) =>
        l[$"{prefix}.{value}"] is { ResourceNotFound: false } text ? text.Value : null;

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Hole();
}
