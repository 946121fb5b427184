using Bots1C.Domain.Scenarios;
using Bots1C.Web.Features.Scenarios.Editor;

namespace Bots1C.Tests.Web.Scenarios.Editor;

public class StepLayoutTests
{
    private static ScenarioDefinition Imported(params (string From, string Outcome, string To)[] arrows)
    {
        var scenario = ScenarioDefinition.New("Imported");
        scenario.StartStep!.X = scenario.StartStep.Y = 0;
        foreach (var id in arrows.SelectMany(a => new[] { a.From, a.To }).Append("lonely").Distinct().Where(id => id != "start"))
            scenario.Steps.Add(new Step { Id = id, Kind = StepKind.Condition });
        scenario.Transitions = arrows.Select(a => new Transition { From = a.From, Outcome = a.Outcome, To = a.To }).ToList();
        return scenario;
    }

    private static double Column(ScenarioDefinition s, string id) => (s.FindStep(id)!.X - StepLayout.Left) / StepLayout.ColumnWidth;

    [Fact]
    public void A_scenario_with_every_step_at_zero_needs_a_layout() =>
        Assert.True(StepLayout.NeedsLayout(Imported(("start", "next", "a"))));

    [Fact]
    public void A_new_scenario_drawn_in_the_editor_keeps_its_positions() =>
        Assert.False(StepLayout.NeedsLayout(ScenarioDefinition.New("Drawn")));

    [Fact]
    public void Each_step_stands_in_the_column_of_its_distance_from_the_start()
    {
        var scenario = Imported(("start", "next", "a"), ("a", "true", "b"), ("a", "false", "c"), ("b", "true", "d"));
        StepLayout.Arrange(scenario);
        Assert.Equal([0d, 1, 2, 2, 3], new[] { "start", "a", "b", "c", "d" }.Select(id => Column(scenario, id)));
    }

    [Fact]
    public void Steps_of_one_column_do_not_overlap()
    {
        var scenario = Imported(("start", "next", "a"), ("a", "true", "b"), ("a", "false", "c"));
        StepLayout.Arrange(scenario);
        var b = scenario.FindStep("b")!;
        Assert.True(scenario.FindStep("c")!.Y >= b.Y + StepLayout.EstimatedHeight(b));
    }

    [Fact]
    public void A_cycle_places_each_step_at_the_depth_it_is_first_reached()
    {
        var scenario = Imported(("start", "next", "a"), ("a", "true", "b"), ("b", "true", "a"));
        StepLayout.Arrange(scenario);
        Assert.Equal((1d, 2d), (Column(scenario, "a"), Column(scenario, "b")));
    }

    [Fact]
    public void Steps_nothing_leads_to_go_in_a_last_column()
    {
        var scenario = Imported(("start", "next", "a"));
        StepLayout.Arrange(scenario);
        Assert.Equal(2, Column(scenario, "lonely"));
    }
}
