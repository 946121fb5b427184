using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>Steps that do not wait for the customer: Condition, Send file, Go to, Hand over, End.</summary>
public class FlowStepTests
{
    private static RunnerChat Checking(string left, ConditionOperator op, string? right) =>
        RunnerChat.With(ScenarioBuilder.Named("Check").OnCommand("/check").StartsWith("c")
            .Condition("c", left, op, right).On("true", "yes").On("false", "no")
            .Message("yes", "true").Message("no", "false").Build(10));

    [Theory]
    [InlineData(ConditionOperator.Equals, "Moscow", "moscow", true)]
    [InlineData(ConditionOperator.Equals, "Moscow", "Kazan", false)]
    [InlineData(ConditionOperator.Equals, "10", "10.0", true)]
    [InlineData(ConditionOperator.Equals, "31.12.2025", "2025-12-31", true)]
    [InlineData(ConditionOperator.NotEquals, "Moscow", "Kazan", true)]
    [InlineData(ConditionOperator.NotEquals, "Moscow", "MOSCOW", false)]
    [InlineData(ConditionOperator.Contains, "Nizhny Novgorod", "novgorod", true)]
    [InlineData(ConditionOperator.Contains, "Moscow", "Kazan", false)]
    [InlineData(ConditionOperator.Greater, "10", "9", true)]
    [InlineData(ConditionOperator.Greater, "9", "10", false)]
    [InlineData(ConditionOperator.Greater, "2025-12-31", "01.01.2025", true)]
    [InlineData(ConditionOperator.Less, "1 234,5", "2000", true)]
    [InlineData(ConditionOperator.Less, "2000", "1 234,5", false)]
    [InlineData(ConditionOperator.MatchesPattern, "ORD-12345", "^ord-\\d+$", true)]
    [InlineData(ConditionOperator.MatchesPattern, "ORD-12x45", "^ord-\\d+$", false)]
    public void A_condition_compares_the_variable_with_the_value_and_leaves_by_true_or_false(
        ConditionOperator op, string value, string right, bool expected)
    {
        var chat = Checking("vars.x", op, right).WithVariable("x", value);

        chat.Send("/check");

        Assert.Equal([expected ? "true" : "false"], chat.Said);
    }

    [Theory]
    [InlineData(ConditionOperator.IsEmpty, null, true)]
    [InlineData(ConditionOperator.IsEmpty, "  ", true)]
    [InlineData(ConditionOperator.IsEmpty, "x", false)]
    [InlineData(ConditionOperator.IsNotEmpty, "x", true)]
    [InlineData(ConditionOperator.IsNotEmpty, null, false)]
    [InlineData(ConditionOperator.Greater, null, false)]
    [InlineData(ConditionOperator.Less, null, false)]
    public void Empty_and_missing_variables(ConditionOperator op, string? value, bool expected)
    {
        var chat = Checking("vars.x", op, "5");
        if (value is not null)
            chat.WithVariable("x", value);

        chat.Send("/check");

        Assert.Equal([expected ? "true" : "false"], chat.Said);
    }

    [Fact]
    public void A_condition_reads_contact_fields_and_renders_variables_in_its_value()
    {
        var chat = Checking("contact.firstName", ConditionOperator.Equals, "{{vars.expected}}").WithVariable("expected", "ANNA");

        chat.Send("/check");

        Assert.Equal(["true"], chat.Said);
    }

    [Fact]
    public void A_pattern_that_is_no_regex_at_run_time_is_false_with_a_warning()
    {
        var chat = Checking("vars.x", ConditionOperator.MatchesPattern, "{{vars.pattern}}").WithVariable("x", "a").WithVariable("pattern", "(");

        var result = chat.Send("/check");

        Assert.Equal(["false"], chat.Said);
        Assert.Equal("PatternFailed", result.Warnings.Single().Code);
    }

    [Fact]
    public void Send_file_sends_the_file_with_its_caption_and_goes_on()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("File").OnCommand("/file").StartsWith("f")
            .SendFile("f", 42, "price.pdf", "Prices for {{contact.firstName}}").Then("m").Message("m", "Anything else?").Build(10));

        var result = chat.Send("/file");

        Assert.Equal([("Prices for Anna", 42L, "price.pdf"), ("Anything else?", (long?)null, null)],
            result.Replies.Select(r => (r.Text, r.FileId, r.FileName)));
    }

    [Fact]
    public void Send_file_without_a_caption_sends_the_file_alone()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("File").OnCommand("/file").StartsWith("f").SendFile("f", 42, "price.pdf").Build(10));

        var result = chat.Send("/file");

        var reply = result.Replies.Single();
        Assert.Equal(((string?)null, 42L, "price.pdf"), (reply.Text, reply.FileId!.Value, reply.FileName));
    }

    [Fact]
    public void Go_to_continues_at_the_start_of_the_other_scenario()
    {
        var target = ScenarioBuilder.Named("Target", key: "target-key").StartsWith("q")
            .Question("q", "Target asks", "v").On("answered", "end").On("gaveUp", "end").End("end").Build(20);
        var chat = RunnerChat.With(ScenarioBuilder.Named("From").OnCommand("/go").StartsWith("m")
            .Message("m", "Going").Then("g").GoTo("g", "target-key").Build(10), target);

        var result = chat.Send("/go");

        Assert.Equal(["Going", "Target asks"], chat.Said);
        Assert.Equal((20L, "q"), (result.State.ScenarioId!.Value, result.State.StepId!));
        Assert.Equal(["start", "m", "g", "start", "q"], result.VisitedSteps);
    }

    [Fact]
    public void Go_to_reaches_a_scenario_the_bot_does_not_listen_to()
    {
        var hidden = ScenarioBuilder.Named("Hidden", key: "hidden").StartsWith("m").Message("m", "Hidden one").Build(20);
        var from = ScenarioBuilder.Named("From").OnCommand("/go").StartsWith("g").GoTo("g", "hidden").Build(10);
        var all = new Dictionary<long, RunnableScenario> { [10] = from, [20] = hidden };
        var bot = new BotScenarios(null, null, [from], all, all.Values.ToDictionary(s => s.Key));
        var chat = new RunnerChat(bot);

        chat.Send("/go");

        Assert.Equal(["Hidden one"], chat.Said);
    }

    [Fact]
    public void Go_to_a_missing_scenario_warns_and_ends()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("From").OnCommand("/go").StartsWith("m")
            .Message("m", "Going").Then("g").GoTo("g", "nowhere").Build(10));

        var result = chat.Send("/go");

        Assert.Equal(["Going"], chat.Said);
        Assert.Equal("TargetNotRunnable", result.Warnings.Single().Code);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void Hand_over_says_its_text_and_leaves_the_conversation_waiting_for_an_operator()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Op").OnCommand("/op").StartsWith("h").HandOver("h", "An operator will answer").Build(10));

        var result = chat.Send("/op");

        Assert.Equal(["An operator will answer"], chat.Said);
        Assert.True(result.HandedOver);
        Assert.True(result.State.WaitingForOperator);
        Assert.True(result.State.IsIdle);
    }

    [Theory]
    [InlineData("/op")]
    [InlineData("hello")]
    public void After_hand_over_the_runner_handles_nothing_but_the_menu(string typed)
    {
        var menu = ScenarioBuilder.Named("Menu").StartsWith("m").Message("m", "Menu", ("a", "A")).Build(1);
        var notMatched = ScenarioBuilder.Named("NM").StartsWith("m").Message("m", "Sorry").Build(2);
        var chat = RunnerChat.With(menu, notMatched,
            ScenarioBuilder.Named("Op").OnCommand("/op").StartsWith("h").HandOver("h", "Operator").Build(10));
        chat.Send("/start");
        var menuButton = chat.Button("A");
        chat.Send("/op");

        var afterText = chat.Send(typed);
        var afterPress = chat.Press(menuButton);
        var afterStart = chat.Start(1);

        foreach (var result in new[] { afterText, afterPress, afterStart })
        {
            Assert.False(result.Handled);
            Assert.Empty(result.Replies);
            Assert.True(result.State.WaitingForOperator);
        }
    }

    [Theory]
    [InlineData("/start")]
    [InlineData("меню")]
    public void A_customer_waiting_for_an_operator_gets_the_menu_back_by_asking_for_it(string typed)
    {
        var menu = ScenarioBuilder.Named("Menu").StartsWith("m").Message("m", "Menu", ("a", "A")).Build(1);
        var chat = RunnerChat.With(menu, null,
            ScenarioBuilder.Named("Op").OnCommand("/op").StartsWith("h").HandOver("h", "Operator").Build(10));
        chat.Send("/op");

        var result = chat.Send(typed);

        Assert.Equal(["Menu"], chat.Said);
        Assert.False(result.State.WaitingForOperator);
    }

    [Fact]
    public void End_says_its_text_and_returns_to_idle()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("E").OnCommand("/e").StartsWith("end").End("end", "Bye, {{contact.firstName}}").Build(10));

        var result = chat.Send("/e");

        Assert.Equal(["Bye, Anna"], chat.Said);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void End_with_show_main_menu_runs_the_main_menu()
    {
        var menu = ScenarioBuilder.Named("Menu").StartsWith("m").Message("m", "Main menu", ("a", "A")).Build(1);
        var chat = RunnerChat.With(menu, null,
            ScenarioBuilder.Named("E").OnCommand("/e").StartsWith("end").End("end", "Done", showMainMenu: true).Build(10));

        var result = chat.Send("/e");

        Assert.Equal(["Done", "Main menu"], chat.Said);
        Assert.Equal((1L, "m"), (result.State.ScenarioId!.Value, result.State.StepId!));
    }

    [Fact]
    public void End_with_show_main_menu_simply_ends_when_the_bot_has_no_main_menu()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("E").OnCommand("/e").StartsWith("end").End("end", "Done", showMainMenu: true).Build(10));

        var result = chat.Send("/e");

        Assert.Equal(["Done"], chat.Said);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void A_start_step_with_nothing_connected_ends_at_once()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Empty").OnCommand("/e").Build(10));

        var result = chat.Send("/e");

        Assert.True(result.Handled);
        Assert.Empty(result.Replies);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void Start_scenario_runs_the_chosen_scenario_from_its_start_without_any_trigger()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("T").StartsWith("m").Message("m", "Testing").Build(10));

        var result = chat.Start(10);

        Assert.Equal(["Testing"], chat.Said);
        Assert.True(result.Handled);
    }

    [Fact]
    public void Start_scenario_of_an_unknown_id_is_not_handled()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("T").StartsWith("m").Message("m", "Testing").Build(10));

        var result = chat.Start(99);

        Assert.False(result.Handled);
        Assert.Empty(result.Replies);
    }
}
