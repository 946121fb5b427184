using System.Globalization;
using Bots1C.Domain.Diagnostics;
using Bots1C.Domain.Licensing;
using Bots1C.Web.Features.Admin.License;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Features.Bots.Diagnostics;

/// <summary>A diagnostics result in the reader's language: step names, evidence, problems and their fixes.</summary>
public static class DiagnosticTexts
{
    public static string Step(this IStringLocalizer<SharedResource> l, DiagnosticStep step) => l[$"Diag.Step.{step}"];

    public static string Outcome(this IStringLocalizer<SharedResource> l, StepOutcome outcome) => l[$"Diag.Outcome.{outcome}"];

    public static string? Problem(this IStringLocalizer<SharedResource> l, string? problem) =>
        problem is null ? null : l[$"Diag.Problem.{problem}"] is { ResourceNotFound: false } text ? text.Value : problem;

    public static string? Fix(this IStringLocalizer<SharedResource> l, string? problem) =>
        problem is null ? null : l[$"Diag.Fix.{problem}"] is { ResourceNotFound: false } text ? text.Value : null;

    public static string Fact(this IStringLocalizer<SharedResource> l, DiagnosticFact fact)
    {
        var args = fact.Key switch
        {
            "LicenseRefused" when Enum.TryParse<LicenseError>(fact.Args.ElementAtOrDefault(1), out var error) =>
                [l.Describe(new LicenseRefusal(error, int.TryParse(fact.Args.ElementAtOrDefault(2), CultureInfo.InvariantCulture, out var limit) ? limit : null,
                    NullIfEmpty(fact.Args.ElementAtOrDefault(3)), Messenger: NullIfEmpty(fact.Args.ElementAtOrDefault(4))))],
            "LicenseType" => [l[$"License.Type.{fact.Args[0]}"] is { ResourceNotFound: false } type ? type.Value : fact.Args[0]],
            "LegacyProtocols" => fact.Args.Select(a => l[$"Diag.Legacy.{a}"].Value).ToArray(),
            _ => fact.Args,
        };
        var template = l[$"Diag.Fact.{fact.Key}"];
        return template.ResourceNotFound ? $"{fact.Key}: {string.Join(", ", fact.Args)}" : string.Format(CultureInfo.CurrentCulture, template.Value, args);
    }

    public static MudBlazor.Color Color(StepOutcome? outcome) => outcome switch
    {
        StepOutcome.Pass => MudBlazor.Color.Success,
        StepOutcome.Warn => MudBlazor.Color.Warning,
        StepOutcome.Fail => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
