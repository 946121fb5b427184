using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>What happens between scenarios: interruption, the idle timeout, the loop guard, variables, lost state.</summary>
public class ConversationTests
{
    private static readonly RunnableScenario Menu = ScenarioBuilder.Named("Menu").StartsWith("m").Message("m", "Main menu").Build(1);
    private static readonly RunnableScenario NotMatched = ScenarioBuilder.Named("NM").StartsWith("m").Message("m", "Sorry").Build(2);
    private static readonly RunnableScenario Prices = ScenarioBuilder.Named("Prices").OnKeyword("цена").StartsWith("m").Message("m", "Prices").Build(3);

    private static RunnableScenario Survey(bool interruptible = true)
    {
        var builder = ScenarioBuilder.Named("Survey").OnCommand("/survey").StartsWith("q")
            .Question("q", "What do you want to know?", "topic").On("answered", "m").On("gaveUp", "m")
            .Message("m", "You asked about {{vars.topic}}");
        if (!interruptible)
            builder.NotInterruptible();
        return builder.Build(10);
    }

    [Fact]
    public void A_trigger_of_another_scenario_interrupts_an_interruptible_question()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey(), Prices);
        chat.Send("/survey");

        var result = chat.Send("какая цена?");

        Assert.Equal(["Prices"], chat.Said);
        Assert.False(result.State.Variables.ContainsKey("topic"));
    }

    [Fact]
    public void A_trigger_of_another_scenario_is_just_an_answer_to_a_non_interruptible_question()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey(interruptible: false), Prices);
        chat.Send("/survey");

        chat.Send("какая цена?");

        Assert.Equal(["You asked about какая цена?"], chat.Said);
    }

    private static RunnableScenario Poll(bool interruptible)
    {
        var builder = ScenarioBuilder.Named("Poll").OnCommand("/poll").StartsWith("m")
            .Message("m", "Did we help?", ("y", "Yes"), ("n", "No")).OnButton("y", "thanks").OnButton("n", "thanks")
            .Message("thanks", "Thank you");
        if (!interruptible)
            builder.NotInterruptible();
        return builder.Build(11);
    }

    [Fact]
    public void A_non_interruptible_message_with_buttons_asks_again_when_something_else_is_typed()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Poll(interruptible: false), Prices);
        chat.Send("/poll");

        var result = chat.Send("какая цена?");

        Assert.Equal(["Did we help?"], chat.Said);
        Assert.Equal(2, result.Replies[0].Buttons.Count);
        Assert.Equal("m", result.State.StepId);
    }

    [Fact]
    public void An_interruptible_message_with_buttons_gives_way_to_another_trigger()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Poll(interruptible: true), Prices);
        chat.Send("/poll");

        chat.Send("какая цена?");

        Assert.Equal(["Prices"], chat.Said);
    }

    [Fact]
    public void A_trigger_of_the_running_scenario_itself_is_an_answer_not_a_restart()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.Send("/survey");

        chat.Send("/survey");

        Assert.Equal(["You asked about /survey"], chat.Said);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_main_menu_is_always_reachable_even_from_a_non_interruptible_question(bool interruptible)
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey(interruptible));
        chat.Send("/survey");

        chat.Send("Меню");

        Assert.Equal(["Main menu"], chat.Said);
    }

    [Fact]
    public void Without_a_main_menu_a_menu_word_is_an_ordinary_answer()
    {
        var chat = RunnerChat.With(null, NotMatched, Survey());
        chat.Send("/survey");

        chat.Send("menu");

        Assert.Equal(["You asked about menu"], chat.Said);
    }

    [Fact]
    public void An_answer_within_the_idle_timeout_continues_the_scenario()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.Send("/survey");

        chat.After(RunnerSettings.Default.IdleTimeout).Send("delivery");

        Assert.Equal(["You asked about delivery"], chat.Said);
    }

    [Fact]
    public void A_conversation_left_mid_question_beyond_the_idle_timeout_starts_afresh()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.Send("/survey");

        var result = chat.After(RunnerSettings.Default.IdleTimeout + TimeSpan.FromSeconds(1)).Send("delivery");

        Assert.Equal(["Sorry"], chat.Said);
        Assert.False(result.State.Variables.ContainsKey("topic"));
    }

    [Fact]
    public void Beyond_the_idle_timeout_without_a_matching_scenario_the_conversation_is_idle()
    {
        var chat = RunnerChat.With(Survey());
        chat.Send("/survey");

        var result = chat.After(TimeSpan.FromHours(2)).Send("delivery");

        Assert.False(result.Handled);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void The_idle_timeout_is_the_one_in_the_settings()
    {
        var chat = new RunnerChat(BotScenarios.Of([Survey(), NotMatched], notMatched: NotMatched), settings: new RunnerSettings(TimeSpan.FromMinutes(1)));
        chat.Send("/survey");

        chat.After(TimeSpan.FromMinutes(2)).Send("delivery");

        Assert.Equal(["Sorry"], chat.Said);
    }

    [Fact]
    public void A_cycle_of_conditions_is_stopped_by_the_loop_guard_with_a_warning_and_an_idle_state()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Loop").OnCommand("/loop").StartsWith("a")
            .Condition("a", "vars.x", ConditionOperator.IsEmpty).On("true", "b").On("false", "b")
            .Condition("b", "vars.x", ConditionOperator.IsEmpty).On("true", "a").On("false", "a")
            .Build(10));

        var result = chat.Send("/loop");

        Assert.True(result.Handled);
        Assert.Equal("LoopGuard", result.Warnings.Single().Code);
        Assert.True(result.State.IsIdle);
        Assert.Equal(ScenarioRunner.DefaultLoopGuard + 1, result.StepsTaken);
        Assert.Equal(ScenarioRunner.DefaultLoopGuard, result.VisitedSteps.Count);
    }

    [Fact]
    public void A_cycle_that_says_something_says_it_until_the_guard_stops_it()
    {
        var chat = new RunnerChat(BotScenarios.Of([ScenarioBuilder.Named("Loop").OnCommand("/loop").StartsWith("a")
            .Message("a", "again").Then("a").Build(10)]), settings: new RunnerSettings(TimeSpan.FromMinutes(30), LoopGuard: 5));

        var result = chat.Send("/loop");

        Assert.Equal(4, result.Replies.Count); // start + 4 messages = 5 steps
        Assert.Equal("LoopGuard", result.Warnings.Single().Code);
    }

    [Fact]
    public void The_loop_guard_counts_steps_across_calls_within_one_message()
    {
        var chat = new RunnerChat(BotScenarios.Of([ScenarioBuilder.Named("Loop").OnCommand("/loop").StartsWith("c")
            .CallMethod("c", "Conversation.SetTag", ("tag", "x")).On("ok", "c").On("failed", "c").Build(10)]),
            settings: new RunnerSettings(TimeSpan.FromMinutes(30), LoopGuard: 3));

        Assert.NotNull(chat.Send("/loop").Call); // start, c
        Assert.NotNull(chat.Complete(true).Call); // c
        var result = chat.Complete(true); // the fourth step trips the guard

        Assert.Null(result.Call);
        Assert.Equal("LoopGuard", result.Warnings.Single().Code);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void Variables_and_contact_fields_are_rendered_in_texts_and_unknown_ones_are_empty()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("m")
            .Message("m", "Hi {{contact.firstName}} {{ contact.lastName }} ({{contact.name}}), city {{vars.city}}, [{{vars.nope}}][{{contact.nope}}][{{other.x}}]")
            .Build(10)).WithVariable("city", "Kazan");

        chat.Send("/hi");

        Assert.Equal(["Hi Anna Petrova (Anna Petrova), city Kazan, [][][]"], chat.Said);
    }

    [Fact]
    public void The_contacts_name_falls_back_to_the_username()
    {
        var chat = new RunnerChat(BotScenarios.Of([ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("m")
            .Message("m", "Hi {{contact.name}}").Build(10)]), new ContactFacts(null, null, "anna_p", null, null, null));

        chat.Send("/hi");

        Assert.Equal(["Hi anna_p"], chat.Said);
    }

    [Fact]
    public void A_message_whose_text_renders_empty_is_not_sent()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("m")
            .Message("m", "{{vars.nothing}}").Then("n").Message("n", "Next").Build(10));

        var result = chat.Send("/hi");

        Assert.Equal(["Next"], chat.Said);
    }

    [Fact]
    public void A_message_with_buttons_whose_text_renders_empty_still_shows_its_buttons()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("m")
            .Message("m", "{{vars.nothing}}", ("y", "Yes")).OnButton("y", "n").Message("n", "Next").Build(10));

        var result = chat.Send("/hi");

        var reply = Assert.Single(result.Replies);
        Assert.Equal("…", reply.Text);
        Assert.Equal(["Yes"], reply.Buttons.Select(b => b.Text));
    }

    [Fact]
    public void A_payload_naming_a_scenario_the_bot_cannot_reach_is_not_followed()
    {
        var foreign = ScenarioBuilder.Named("Internal").StartsWith("m").Message("m", "Secret menu", ("x", "X")).OnButton("x", "n")
            .Message("n", "Internal data").Build(40);
        var all = new[] { Menu, NotMatched, foreign };
        // The bot listens to its menu only; "Internal" runs in the installation but belongs to another bot.
        var bot = new BotScenarios(Menu, NotMatched, [Menu],
            all.ToDictionary(s => s.Id), all.ToDictionary(s => s.Key));
        var chat = new RunnerChat(bot);

        chat.Press("s40:m:x", "X");

        Assert.Equal(["Sorry"], chat.Said);
    }

    [Fact]
    public void A_payload_of_a_scenario_reached_by_go_to_is_followed()
    {
        var target = ScenarioBuilder.Named("Target").StartsWith("m").Message("m", "Pick", ("x", "X")).OnButton("x", "n")
            .Message("n", "Picked").Build(41);
        var menu = ScenarioBuilder.Named("Menu2").StartsWith("g").GoTo("g", target.Key).Build(42);
        var all = new[] { menu, target };
        var bot = new BotScenarios(menu, null, [menu], all.ToDictionary(s => s.Id), all.ToDictionary(s => s.Key));
        var chat = new RunnerChat(bot);

        chat.Press("s41:m:x", "X");

        Assert.Equal(["Picked"], chat.Said);
    }

    [Fact]
    public void A_draft_question_without_a_variable_warns_instead_of_failing()
    {
        var draft = ScenarioBuilder.Named("Draft").OnCommand("/d").StartsWith("q").Question("q", "Name?", null!).On("answered", "m").On("gaveUp", "m")
            .Message("m", "Done").Build(43);
        var chat = RunnerChat.With(draft);
        chat.Send("/d");

        var result = chat.Send("Anna");

        Assert.Equal(["Done"], chat.Said);
        Assert.Contains(result.Warnings, w => w.Code == "VariableInvalid");
    }

    [Fact]
    public void Variables_outlive_the_scenario_that_set_them()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.Send("/survey");
        chat.Send("delivery");

        chat.Send("/survey");
        var result = chat.Send("returns");

        Assert.Equal("returns", result.State.Variables["topic"]);
    }

    [Fact]
    public void A_state_pointing_at_a_step_that_no_longer_exists_starts_afresh_with_a_warning()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.State = ScenarioState.Idle with { ScenarioId = 10, StepId = "deleted", WaitingSince = RunnerChat.T0 };

        var result = chat.Send("hello");

        Assert.Equal(["Sorry"], chat.Said);
        Assert.Equal("StateLost", result.Warnings.Single().Code);
    }

    [Fact]
    public void A_state_pointing_at_a_scenario_that_no_longer_runs_starts_afresh_with_a_warning()
    {
        var chat = RunnerChat.With(Menu, NotMatched, Survey());
        chat.State = ScenarioState.Idle with { ScenarioId = 404, StepId = "q", WaitingSince = RunnerChat.T0 };

        var result = chat.Send("/start");

        Assert.Equal(["Main menu"], chat.Said);
        Assert.Equal("StateLost", result.Warnings.Single().Code);
    }
}
