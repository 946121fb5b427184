using System.Text.RegularExpressions;
using Bots1C.Domain.Scenarios;
using Bots1C.Web.Features.Scenarios.Editor;

namespace Bots1C.Tests.Web.Scenarios.Editor;

public class StepIdsTests
{
    [Fact]
    public void A_new_step_id_follows_the_highest_number_of_its_kind() =>
        Assert.Equal("m4", StepIds.NewStepId(StepKind.Message, ["start", "m1", "m3", "q7"]));

    [Fact]
    public void The_first_step_of_a_kind_is_number_one() =>
        Assert.Equal("q1", StepIds.NewStepId(StepKind.Question, ["start", "m1"]));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_gets_an_id_the_checker_accepts(StepKind kind) =>
        Assert.Matches(new Regex("^[A-Za-z0-9_-]{1,16}$"), StepIds.NewStepId(kind, []));

    [Fact]
    public void A_new_button_id_is_unique_within_its_step()
    {
        var step = new Step { Buttons = [new StepButton { Id = "b1" }, new StepButton { Id = "b2" }] };
        Assert.Equal("b3", StepIds.NewButtonId(step));
    }

    public static IEnumerable<object[]> Kinds() => Enum.GetValues<StepKind>().Select(k => new object[] { k });
}
