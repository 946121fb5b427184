using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>Short ids for new steps and buttons (they travel inside button payloads): a letter or two for the
/// kind and one more than the highest number in use, e.g. <c>m3</c>, <c>q1</c>, <c>b2</c>.</summary>
public static class StepIds
{
    public static string PrefixOf(StepKind kind) => kind switch
    {
        StepKind.Start => "start",
        StepKind.Message => "m",
        StepKind.Question => "q",
        StepKind.RequestPhone => "ph",
        StepKind.RequestEmail => "em",
        StepKind.Condition => "c",
        StepKind.CallMethod => "f",
        StepKind.HttpRequest => "h",
        StepKind.SendFile => "s",
        StepKind.GoToScenario => "g",
        StepKind.HandOver => "op",
        StepKind.End => "end",
        _ => "x",
    };

    public static string NewStepId(StepKind kind, IEnumerable<string> taken) => Next(PrefixOf(kind), taken);

    public static string NewButtonId(Step step) => Next("b", step.Buttons.Select(b => b.Id));

    /// <summary>The prefix followed by one more than the highest number any id with that prefix has.</summary>
    public static string Next(string prefix, IEnumerable<string> taken)
    {
        var highest = 0;
        foreach (var id in taken)
            if (id.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(id.AsSpan(prefix.Length), out var n) && n > highest)
                highest = n;
        return prefix + (highest + 1);
    }
}
