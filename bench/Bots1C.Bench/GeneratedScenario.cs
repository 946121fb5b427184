using Bots1C.Domain.Scenarios;

namespace Bots1C.Bench;

/// <summary>
/// A valid scenario of any size with a realistic mix: messages with 2–3 buttons and plain ones, questions,
/// conditions on the answers and ends (about 1.17 arrows per step, so 300 steps have about 350 arrows).
/// Every way out is connected: each new step hangs off the oldest open way out (so all are reachable), and the
/// ways out left over at the end lead back to earlier steps or to ends. Deterministic.
/// </summary>
public static class GeneratedScenario
{
    private enum Shape { TwoButtons, ThreeButtons, Plain, Question, Condition, End }

    // 12 steps, 14 ways out: per 12 steps the open ways out grow by 2 and never run out.
    private static readonly Shape[] Cycle =
    [
        Shape.TwoButtons, Shape.Question, Shape.Plain, Shape.Condition, Shape.End, Shape.ThreeButtons,
        Shape.End, Shape.Plain, Shape.End, Shape.Plain, Shape.End, Shape.Question,
    ];

    public const double ColumnWidth = 300;
    public const double RowHeight = 220;

    /// <param name="steps">Steps including the start.</param>
    /// <param name="grid">Place steps in a grid; otherwise leave all at 0,0 so the editor lays them out.</param>
    public static ScenarioDefinition Build(int steps, bool grid)
    {
        var random = new Random(steps);
        var scenario = new ScenarioDefinition { Triggers = [new Trigger { Kind = TriggerKind.Command, Value = "/bench" }] };
        var start = new Step { Id = "start", Kind = StepKind.Start };
        scenario.Steps.Add(start);
        var open = new Queue<(string From, string Outcome)>([(start.Id, StepOutcomes.Next)]);
        string? lastVariable = null;
        for (var i = 1; i < steps; i++)
        {
            var step = Make(i, Cycle[(i - 1) % Cycle.Length], ref lastVariable);
            scenario.Steps.Add(step);
            var (from, outcome) = open.Dequeue();
            scenario.Transitions.Add(new Transition { From = from, Outcome = outcome, To = step.Id });
            foreach (var way in StepOutcomes.Of(step))
                open.Enqueue((step.Id, way));
        }

        var ends = scenario.Steps.Where(s => s.Kind == StepKind.End).Select(s => s.Id).ToList();
        var others = scenario.Steps.Where(s => s.Kind is not (StepKind.Start or StepKind.End)).Select(s => s.Id).ToList();
        foreach (var (from, outcome) in open)
        {
            // "Gave up" and half the rest end the conversation; the others go back to an earlier step ("menu").
            var toEnd = ends.Count > 0 && (outcome == StepOutcomes.GaveUp || random.Next(2) == 0);
            var choices = (toEnd ? ends : others).Where(id => id != from).ToList();
            scenario.Transitions.Add(new Transition { From = from, Outcome = outcome, To = choices[random.Next(choices.Count)] });
        }

        if (grid)
        {
            var columns = Math.Max(4, (int)Math.Ceiling(Math.Sqrt(steps * 2.0)));
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                scenario.Steps[i].X = 40 + i % columns * ColumnWidth;
                scenario.Steps[i].Y = 40 + i / columns * RowHeight;
            }
        }
        return scenario;
    }

    private static Step Make(int i, Shape shape, ref string? lastVariable)
    {
        var id = $"s{i}";
        switch (shape)
        {
            case Shape.TwoButtons or Shape.ThreeButtons:
                var count = shape == Shape.TwoButtons ? 2 : 3;
                return new Step
                {
                    Id = id, Kind = StepKind.Message, Title = $"Menu {i}",
                    Text = $"Step {i}: what would you like to do next? Choose one of the options below.",
                    Buttons = Enumerable.Range(1, count).Select(b => new StepButton { Id = $"b{b}", Text = $"Option {b}" }).ToList(),
                };
            case Shape.Plain:
                return new Step { Id = id, Kind = StepKind.Message, Text = $"Step {i}: thank you, {{{{contact.firstName}}}}. One moment please." };
            case Shape.Question:
                lastVariable = $"answer{i}";
                return new Step
                {
                    Id = id, Kind = StepKind.Question, Title = $"Question {i}", Text = $"Step {i}: what is your order number?",
                    Variable = lastVariable, AnswerType = AnswerType.Text, RetryText = "Please answer with the number.", MaxTries = 3,
                };
            case Shape.Condition:
                return new Step
                {
                    Id = id, Kind = StepKind.Condition, Title = $"Check {i}",
                    Left = lastVariable is null ? "contact.phone" : "vars." + lastVariable,
                    Operator = lastVariable is null ? ConditionOperator.IsNotEmpty : ConditionOperator.Contains,
                    Right = lastVariable is null ? null : "1",
                };
            default:
                return new Step { Id = id, Kind = StepKind.End, Text = "Goodbye!", ShowMainMenu = i % 2 == 0 };
        }
    }
}
