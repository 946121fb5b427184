namespace Bots1C.Domain.Scenarios.Exchange;

/// <summary>
/// A hand-written file may say <c>null</c> where the model has a list or a text (<c>"steps": null</c>,
/// <c>"buttons": [null]</c>). The checker expects neither, so before checking, null lists become empty and
/// null texts blank (the checker then names what is missing), and null entries are replaced by empty ones at
/// the same index, so every later problem keeps its true place. The places of null entries are returned.
/// </summary>
public static class ScenarioNulls
{
    public static IReadOnlyList<string> Fill(ScenarioDefinition scenario)
    {
        var empty = new List<string>();
        scenario.Triggers = Entries(scenario.Triggers, "Triggers", empty);
        scenario.Steps = Entries(scenario.Steps, "Steps", empty);
        scenario.Transitions = Entries(scenario.Transitions, "Transitions", empty);
        foreach (var trigger in scenario.Triggers)
            trigger.Value ??= "";
        foreach (var transition in scenario.Transitions)
        {
            transition.From ??= "";
            transition.Outcome ??= "";
            transition.To ??= "";
        }
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var place = $"Steps[{i}]";
            step.Id ??= "";
            step.HttpMethod ??= "";
            step.Buttons = Entries(step.Buttons, place + ".Buttons", empty);
            foreach (var button in step.Buttons)
            {
                button.Id ??= "";
                button.Text ??= "";
            }
            step.Choices = Entries(step.Choices, place + ".Choices", empty, () => "");
            step.Arguments = Entries(step.Arguments, place + ".Arguments", empty);
            step.Headers = Entries(step.Headers, place + ".Headers", empty);
            foreach (var pair in step.Arguments.Concat(step.Headers))
            {
                pair.Name ??= "";
                pair.Value ??= "";
            }
            step.Results = Entries(step.Results, place + ".Results", empty);
            foreach (var result in step.Results)
            {
                result.From ??= "";
                result.To ??= "";
            }
        }
        return empty;
    }

    private static List<T> Entries<T>(List<T>? list, string place, List<string> empty, Func<T>? blank = null) where T : class
    {
        if (list is null)
            return [];
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null)
            {
                empty.Add($"{place}[{i}]");
                list[i] = blank is null ? Activator.CreateInstance<T>() : blank();
            }
        return list;
    }
}
