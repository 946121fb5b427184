using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>The references a text of this scenario can use: the variables its steps fill (question answers,
/// method and HTTP results) and the contact's fields.</summary>
public static class KnownVariables
{
    public static IReadOnlyList<string> Of(ScenarioDefinition scenario) =>
        scenario.Steps.Select(s => s.Variable)
            .Concat(scenario.Steps.SelectMany(s => s.Results.Select(r => r.To)))
            .Where(ScenarioVariables.IsVariableName)
            .Select(v => ScenarioVariables.VarsPrefix + v)
            .Distinct().Order(StringComparer.Ordinal)
            .Concat(ScenarioVariables.ContactFields.Select(f => ScenarioVariables.ContactPrefix + f))
            .ToList();
}
