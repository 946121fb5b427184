using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>How an idle conversation finds its scenario: triggers, the main menu and the not-matched scenario.</summary>
public class TriggerAndMenuTests
{
    private static RunnableScenario Saying(long id, string name, string text, Action<ScenarioBuilder> triggers)
    {
        var builder = ScenarioBuilder.Named(name).StartsWith("say").Message("say", text);
        triggers(builder);
        return builder.Build(id);
    }

    private static readonly RunnableScenario Menu = Saying(1, "Menu", "Main menu", _ => { });
    private static readonly RunnableScenario NotMatched = Saying(2, "Not matched", "Sorry, I did not get that", _ => { });

    private static RunnerChat ChatWith(params RunnableScenario[] listening) => RunnerChat.With(Menu, NotMatched, listening);

    [Theory]
    [InlineData("/order")]
    [InlineData("/ORDER")]
    [InlineData("/order@MyBot")]
    [InlineData("  /order@MyBot 42 please")]
    public void A_command_trigger_matches_its_command_whatever_the_case_bot_suffix_or_arguments(string typed)
    {
        var chat = ChatWith(Saying(10, "Order", "Order here", b => b.OnCommand("/order")));

        chat.Send(typed);

        Assert.Equal(["Order here"], chat.Said);
    }

    [Fact]
    public void A_command_trigger_does_not_match_the_word_without_the_slash()
    {
        var chat = ChatWith(Saying(10, "Order", "Order here", b => b.OnCommand("/order")));

        chat.Send("order");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
    }

    [Theory]
    [InlineData("Где мой заказ")]
    [InlineData("ГДЕ МОЙ ЗАКАЗ?!")]
    [InlineData("  где,   мой заказ... ")]
    public void A_phrase_matches_the_whole_message_ignoring_case_punctuation_and_spaces(string typed)
    {
        var chat = ChatWith(Saying(10, "Where", "Let me check", b => b.OnPhrase("где мой заказ?")));

        chat.Send(typed);

        Assert.Equal(["Let me check"], chat.Said);
    }

    [Fact]
    public void A_phrase_does_not_match_a_longer_message()
    {
        var chat = ChatWith(Saying(10, "Where", "Let me check", b => b.OnPhrase("где мой заказ")));

        chat.Send("скажите где мой заказ");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
    }

    [Theory]
    [InlineData("Какая ЦЕНА, подскажите?")]
    [InlineData("цена")]
    [InlineData("а цена-то какая")]
    public void A_keyword_matches_anywhere_in_the_message(string typed)
    {
        var chat = ChatWith(Saying(10, "Price", "Prices", b => b.OnKeyword("цена")));

        chat.Send(typed);

        Assert.Equal(["Prices"], chat.Said);
    }

    [Fact]
    public void A_keyword_does_not_match_part_of_a_longer_word()
    {
        var chat = ChatWith(Saying(10, "Price", "Prices", b => b.OnKeyword("цена")));

        chat.Send("ценами интересуюсь");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
    }

    [Fact]
    public void A_keyword_of_several_words_matches_them_in_sequence()
    {
        var chat = ChatWith(Saying(10, "Delivery", "Delivery", b => b.OnKeyword("доставка курьером")));

        chat.Send("Есть ли ДОСТАВКА, курьером?");

        Assert.Equal(["Delivery"], chat.Said);
    }

    [Theory]
    [InlineData("Ёлка")]
    [InlineData("елка")]
    [InlineData("ЕЛКА!")]
    public void The_letters_yo_and_ye_are_the_same_in_triggers(string typed)
    {
        var chat = ChatWith(Saying(10, "Tree", "Trees", b => b.OnPhrase("ёлка")));

        chat.Send(typed);

        Assert.Equal(["Trees"], chat.Said);
    }

    [Fact]
    public void A_button_payload_trigger_matches_a_press_carrying_exactly_that_payload()
    {
        var chat = ChatWith(Saying(10, "Promo", "Promo!", b => b.OnPayload("promo-2025")));

        chat.Press("promo-2025", "Anything");

        Assert.Equal(["Promo!"], chat.Said);
    }

    [Fact]
    public void A_button_payload_trigger_does_not_match_typed_text_equal_to_the_payload()
    {
        var chat = ChatWith(Saying(10, "Promo", "Promo!", b => b.OnPayload("promo-2025")));

        chat.Send("promo-2025");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
    }

    [Fact]
    public void When_two_scenarios_match_the_first_listening_one_wins()
    {
        var chat = ChatWith(Saying(10, "First", "first", b => b.OnKeyword("hello")), Saying(11, "Second", "second", b => b.OnKeyword("hello")));

        chat.Send("hello");

        Assert.Equal(["first"], chat.Said);
    }

    [Theory]
    [InlineData("/start")]
    [InlineData("/start@MyBot")]
    [InlineData("/START ref123")]
    [InlineData("/menu")]
    [InlineData("меню")]
    [InlineData("Меню!")]
    [InlineData("Главное меню")]
    [InlineData("menu")]
    [InlineData("Main Menu.")]
    public void Start_menu_command_and_menu_words_open_the_main_menu(string typed)
    {
        var chat = ChatWith();

        var result = chat.Send(typed);

        Assert.Equal(["Main menu"], chat.Said);
        Assert.True(result.Handled);
    }

    [Fact]
    public void The_word_start_without_a_slash_is_not_a_menu_request()
    {
        var chat = ChatWith();

        chat.Send("start");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
    }

    [Fact]
    public void A_message_no_trigger_matches_runs_the_not_matched_scenario()
    {
        var chat = ChatWith(Saying(10, "Price", "Prices", b => b.OnKeyword("цена")));

        var result = chat.Send("добрый день");

        Assert.Equal(["Sorry, I did not get that"], chat.Said);
        Assert.True(result.Handled);
    }

    [Fact]
    public void Without_a_not_matched_scenario_an_unmatched_message_is_left_unhandled()
    {
        var chat = RunnerChat.With(Saying(10, "Price", "Prices", b => b.OnKeyword("цена")));

        var result = chat.Send("добрый день");

        Assert.False(result.Handled);
        Assert.Empty(result.Replies);
        Assert.True(result.State.IsIdle);
    }

    [Fact]
    public void Without_a_main_menu_start_goes_to_a_scenario_triggered_by_start()
    {
        var chat = RunnerChat.With(Saying(10, "Welcome", "Welcome!", b => b.OnCommand("/start")));

        chat.Send("/start");

        Assert.Equal(["Welcome!"], chat.Said);
    }

    [Fact]
    public void A_trigger_in_the_text_of_a_pressed_button_counts_too()
    {
        var chat = ChatWith(Saying(10, "Price", "Prices", b => b.OnPhrase("цены")));

        chat.Press("some-foreign-payload", "Цены");

        Assert.Equal(["Prices"], chat.Said);
    }
}
