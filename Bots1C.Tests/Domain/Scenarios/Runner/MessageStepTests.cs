using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>Message steps: text, buttons and their outcomes, presses on older messages, typed button texts.</summary>
public class MessageStepTests
{
    /// <summary>Hello → [Yes] → "Great", [No] → "Pity"; both then end.</summary>
    private static RunnableScenario YesNo(long id = 10) => ScenarioBuilder.Named("Ask").OnCommand("/ask").StartsWith("hello")
        .Message("hello", "Do you like it?", ("yes", "Yes 👍"), ("no", "No")).OnButton("yes", "great").OnButton("no", "pity")
        .Message("great", "Great").Then("end")
        .Message("pity", "Pity").Then("end")
        .End("end")
        .Build(id);

    [Fact]
    public void A_message_without_buttons_says_its_text_and_goes_on_by_next()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Hi").OnCommand("/hi").StartsWith("a")
            .Message("a", "One").Then("b").Message("b", "Two").Build(10));

        var result = chat.Send("/hi");

        Assert.Equal(["One", "Two"], chat.Said);
        Assert.True(result.State.IsIdle);
        Assert.Equal(["start", "a", "b"], result.VisitedSteps);
    }

    [Fact]
    public void A_message_with_buttons_waits_showing_callback_buttons_whose_payloads_name_the_button()
    {
        var chat = RunnerChat.With(YesNo());

        var result = chat.Send("/ask");

        Assert.Equal(["Do you like it?"], chat.Said);
        Assert.Equal(
            [new Button(ButtonKind.Callback, "Yes 👍", "s10:hello:yes"), new Button(ButtonKind.Callback, "No", "s10:hello:no")],
            result.Replies[0].Buttons);
        Assert.Equal((10L, "hello"), (result.State.ScenarioId!.Value, result.State.StepId!));
        Assert.Equal(RunnerChat.T0, result.State.WaitingSince);
    }

    [Theory]
    [InlineData("Yes 👍", "Great")]
    [InlineData("No", "Pity")]
    public void Pressing_a_button_follows_that_buttons_outcome(string button, string expected)
    {
        var chat = RunnerChat.With(YesNo());
        chat.Send("/ask");

        var result = chat.Press(chat.Button(button));

        Assert.Equal([expected], chat.Said);
        Assert.True(result.State.IsIdle);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("NO!")]
    [InlineData(" No. ")]
    public void Typing_a_buttons_text_counts_as_pressing_it(string typed)
    {
        var chat = RunnerChat.With(YesNo());
        chat.Send("/ask");

        chat.Send(typed);

        Assert.Equal(["Pity"], chat.Said);
    }

    [Fact]
    public void Typing_the_text_of_a_button_with_an_emoji_matches_without_the_emoji()
    {
        var chat = RunnerChat.With(YesNo());
        chat.Send("/ask");

        chat.Send("yes");

        Assert.Equal(["Great"], chat.Said);
    }

    [Fact]
    public void A_press_on_an_older_messages_button_still_leads_where_that_button_led()
    {
        // hello [Yes → great, No → pity]; after "great" the scenario asks a question, yet the old "No" still works.
        var scenario = ScenarioBuilder.Named("Ask").OnCommand("/ask").StartsWith("hello")
            .Message("hello", "Do you like it?", ("yes", "Yes"), ("no", "No")).OnButton("yes", "q").OnButton("no", "pity")
            .Question("q", "Why?", "why").On("answered", "end").On("gaveUp", "end")
            .Message("pity", "Pity").Then("end")
            .End("end")
            .Build(10);
        var chat = RunnerChat.With(scenario);
        chat.Send("/ask");
        var oldNo = chat.Button("No");
        chat.Press(chat.Button("Yes"));
        Assert.Equal("q", chat.State.StepId);

        chat.Press(oldNo);

        Assert.Equal(["Pity"], chat.Said);
        Assert.True(chat.State.IsIdle);
    }

    [Fact]
    public void A_press_on_an_older_messages_button_works_after_the_scenario_ended()
    {
        var chat = RunnerChat.With(YesNo());
        chat.Send("/ask");
        var oldYes = chat.Button("Yes 👍");
        chat.Press(chat.Button("No"));
        Assert.True(chat.State.IsIdle);

        chat.Press(oldYes);

        Assert.Equal(["Great"], chat.Said);
    }

    [Fact]
    public void A_press_on_a_button_of_another_scenario_leads_into_that_scenario()
    {
        var other = ScenarioBuilder.Named("Other").OnCommand("/other").StartsWith("q").Question("q", "Name?", "name")
            .On("answered", "end").On("gaveUp", "end").End("end").Build(20);
        var chat = RunnerChat.With(YesNo(), other);
        chat.Send("/ask");
        var oldNo = chat.Button("No");
        chat.Send("/other");

        chat.Press(oldNo);

        Assert.Equal(["Pity"], chat.Said);
        Assert.Equal(["pity", "end"], chat.Last!.VisitedSteps);
    }

    [Fact]
    public void A_press_whose_button_no_longer_exists_is_treated_as_an_unmatched_message()
    {
        var notMatched = ScenarioBuilder.Named("NM").StartsWith("m").Message("m", "Sorry").Build(2);
        var chat = RunnerChat.With(null, notMatched, YesNo());
        chat.Send("/ask");

        chat.Press("s10:hello:gone", "Gone");

        Assert.Equal(["Sorry"], chat.Said);
    }

    [Fact]
    public void Typed_text_that_is_no_button_leaves_a_waiting_message_like_any_idle_message()
    {
        var notMatched = ScenarioBuilder.Named("NM").StartsWith("m").Message("m", "Sorry").Build(2);
        var chat = RunnerChat.With(null, notMatched, YesNo());
        chat.Send("/ask");

        chat.Send("maybe");

        Assert.Equal(["Sorry"], chat.Said);
        Assert.True(chat.State.IsIdle);
    }

    [Fact]
    public void A_message_with_only_link_buttons_does_not_wait_and_renders_variables_into_the_link_escaped()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Site").OnCommand("/site").StartsWith("m")
            .Message("m", "Our site").LinkButton("web", "Open {{vars.city}}", "https://example.com/?city={{vars.city}}").Then("bye")
            .Message("bye", "Bye").Build(10)).WithVariable("city", "Санкт Петербург&x");

        var result = chat.Send("/site");

        Assert.Equal(["Our site", "Bye"], chat.Said);
        Assert.Equal(new Button(ButtonKind.OpenUrl, "Open Санкт Петербург&x",
            "https://example.com/?city=%D0%A1%D0%B0%D0%BD%D0%BA%D1%82%20%D0%9F%D0%B5%D1%82%D0%B5%D1%80%D0%B1%D1%83%D1%80%D0%B3%26x"),
            result.Replies[0].Buttons.Single());
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void A_message_with_a_file_sends_the_file_with_its_text()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Price").OnCommand("/price").StartsWith("m")
            .Message("m", "Our prices").With(s => { s.FileId = 7; s.FileName = "prices.pdf"; }).Build(10));

        var result = chat.Send("/price");

        var reply = result.Replies.Single();
        Assert.Equal(("Our prices", 7L, "prices.pdf"), (reply.Text, reply.FileId!.Value, reply.FileName));
    }

    [Fact]
    public void An_unconnected_button_ends_the_scenario_silently()
    {
        var chat = RunnerChat.With(ScenarioBuilder.Named("Ask").OnCommand("/ask").StartsWith("m")
            .Message("m", "Pick", ("a", "A")).Build(10));
        chat.Send("/ask");

        var result = chat.Press(chat.Button("A"));

        Assert.True(result.Handled);
        Assert.Empty(result.Replies);
        Assert.True(result.State.IsIdle);
    }
}
