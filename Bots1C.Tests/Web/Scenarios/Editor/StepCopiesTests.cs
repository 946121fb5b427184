using Bots1C.Domain.Scenarios;
using Bots1C.Web.Features.Scenarios.Editor;

namespace Bots1C.Tests.Web.Scenarios.Editor;

public class StepCopiesTests
{
    private static ScenarioDefinition Scenario()
    {
        var scenario = ScenarioDefinition.New("Copies");
        scenario.Steps.Add(new Step { Id = "m1", Kind = StepKind.Message, Text = "Hi", X = 100, Y = 50 });
        scenario.Steps.Add(new Step { Id = "q1", Kind = StepKind.Question, Text = "Name?", Variable = "name" });
        scenario.Steps.Add(new Step { Id = "end1", Kind = StepKind.End });
        scenario.Transitions =
        [
            new() { From = "start", To = "m1" },
            new() { From = "m1", To = "q1" },
            new() { From = "q1", Outcome = StepOutcomes.Answered, To = "end1" },
        ];
        return scenario;
    }

    [Fact]
    public void Pasted_steps_get_new_ids_and_keep_the_arrows_among_themselves()
    {
        var scenario = Scenario();
        var pasted = StepCopies.Paste(scenario, StepCopies.Copy(scenario, ["m1", "q1"]));

        Assert.Equal(["m2", "q2"], pasted.Select(s => s.Id));
        Assert.Contains(scenario.Transitions, t => t is { From: "m2", Outcome: "next", To: "q2" });
        Assert.DoesNotContain(scenario.Transitions, t => t.From == "q2" || t.To == "m2");
    }

    [Fact]
    public void Pasted_steps_appear_offset_from_the_originals()
    {
        var scenario = Scenario();
        var pasted = StepCopies.Paste(scenario, StepCopies.Copy(scenario, ["m1"]));
        Assert.Equal((140d, 90d), (pasted[0].X, pasted[0].Y));
    }

    [Fact]
    public void The_start_is_never_copied()
    {
        var scenario = Scenario();
        Assert.Equal(["m1"], StepCopies.Copy(scenario, ["start", "m1"]).Steps.Select(s => s.Id));
    }

    [Fact]
    public void A_copy_does_not_change_when_the_original_is_edited_later()
    {
        var scenario = Scenario();
        var copied = StepCopies.Copy(scenario, ["m1"]);
        scenario.FindStep("m1")!.Text = "Changed";
        Assert.Equal("Hi", StepCopies.Paste(scenario, copied)[0].Text);
    }
}
