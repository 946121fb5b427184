using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>
/// A layered arrangement for scenarios without positions (imported ones) and for "Tidy up": the column is the
/// breadth-first depth from the start, so arrows mostly point right; cycles are harmless because each step is
/// placed once, at the depth it is first reached. Steps nothing leads to go in one more column at the end.
/// </summary>
public static class StepLayout
{
    public const double ColumnWidth = 300;
    public const double RowGap = 40;
    public const double Left = 40;
    public const double Top = 40;

    /// <summary>True when every step is at 0,0: the scenario was made without the editor.</summary>
    public static bool NeedsLayout(ScenarioDefinition scenario) => scenario.Steps.All(s => s.X == 0 && s.Y == 0);

    /// <summary>Moves every step of the scenario to its place in the layers.</summary>
    public static void Arrange(ScenarioDefinition scenario)
    {
        var depth = Depths(scenario);
        var lastColumn = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        var nextTop = new Dictionary<int, double>();
        foreach (var step in scenario.Steps.OrderBy(s => depth.GetValueOrDefault(s.Id, lastColumn)).ThenBy(s => Order(scenario, s)))
        {
            var column = depth.GetValueOrDefault(step.Id, lastColumn);
            var top = nextTop.GetValueOrDefault(column, Top);
            step.X = Left + column * ColumnWidth;
            step.Y = top;
            nextTop[column] = top + EstimatedHeight(step) + RowGap;
        }
    }

    /// <summary>Breadth-first depth of each step reachable from the start.</summary>
    public static Dictionary<string, int> Depths(ScenarioDefinition scenario)
    {
        var depth = new Dictionary<string, int>();
        if (scenario.StartStep is not { } start)
            return depth;
        var ids = scenario.Steps.Select(s => s.Id).ToHashSet();
        depth[start.Id] = 0;
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var id))
            foreach (var next in OutgoingInOutcomeOrder(scenario, id))
                if (ids.Contains(next) && depth.TryAdd(next, depth[id] + 1))
                    queue.Enqueue(next);
        return depth;
    }

    /// <summary>The height a node needs, roughly: the header and text plus one row per way out.</summary>
    public static double EstimatedHeight(Step step) => 64 + 22 * Math.Max(1, StepOutcomes.Of(step).Count);

    private static IEnumerable<string> OutgoingInOutcomeOrder(ScenarioDefinition scenario, string id)
    {
        if (scenario.FindStep(id) is not { } step)
            yield break;
        foreach (var outcome in StepOutcomes.Of(step))
            if (scenario.Next(id, outcome) is { } to)
                yield return to;
    }

    /// <summary>Within a column, keep the order in which steps were reached, then the order they were written.</summary>
    private static int Order(ScenarioDefinition scenario, Step step) => scenario.Steps.IndexOf(step);
}
