using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>What "Copy" keeps: deep copies of the chosen steps and the arrows between them.</summary>
public sealed record CopiedSteps(IReadOnlyList<Step> Steps, IReadOnlyList<Transition> Transitions);

/// <summary>Copy and paste of steps. The start is never copied (a scenario has one); pasted steps get new ids
/// and keep the arrows among themselves, while arrows to steps outside the copy are dropped.</summary>
public static class StepCopies
{
    public const double PasteOffset = 40;

    public static CopiedSteps Copy(ScenarioDefinition scenario, IEnumerable<string> stepIds)
    {
        var ids = stepIds.ToHashSet();
        var steps = scenario.Steps.Where(s => ids.Contains(s.Id) && s.Kind != StepKind.Start).ToList();
        var kept = steps.Select(s => s.Id).ToHashSet();
        var copy = ScenarioJson.Clone(new ScenarioDefinition
        {
            Steps = steps,
            Transitions = scenario.Transitions.Where(t => kept.Contains(t.From) && kept.Contains(t.To)).ToList(),
        });
        return new CopiedSteps(copy.Steps, copy.Transitions);
    }

    /// <summary>Adds fresh copies to the scenario and returns the new steps.</summary>
    public static IReadOnlyList<Step> Paste(ScenarioDefinition scenario, CopiedSteps copied)
    {
        var fresh = ScenarioJson.Clone(new ScenarioDefinition { Steps = [.. copied.Steps], Transitions = [.. copied.Transitions] });
        var newIds = new Dictionary<string, string>();
        foreach (var step in fresh.Steps)
        {
            var id = StepIds.NewStepId(step.Kind, scenario.Steps.Select(s => s.Id).Concat(newIds.Values));
            newIds[step.Id] = id;
            step.Id = id;
            step.X += PasteOffset;
            step.Y += PasteOffset;
        }
        scenario.Steps.AddRange(fresh.Steps);
        foreach (var t in fresh.Transitions)
            scenario.Transitions.Add(new Transition { From = newIds[t.From], Outcome = t.Outcome, To = newIds[t.To] });
        return fresh.Steps;
    }
}
