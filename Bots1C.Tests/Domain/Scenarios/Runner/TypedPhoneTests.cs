using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>A phone step where the channel has no "share my phone" button (the web chat): the customer types the number.</summary>
public class TypedPhoneTests
{
    private static readonly RunnerSettings NoSharing = RunnerSettings.Default with { CanSharePhone = false };

    private static RunnerChat AskingPhone(ContactFacts? contact = null)
    {
        var scenario = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "We need your phone").On("received", "thanks").On("refused", "sad")
            .Message("thanks", "Thanks, {{contact.phone}}").Message("sad", "No phone then").Build(10);
        return new RunnerChat(BotScenarios.Of([scenario]), contact, NoSharing);
    }

    [Fact]
    public void Where_the_channel_cannot_share_a_contact_the_phone_step_asks_to_type_the_number_without_a_share_button()
    {
        var ru = AskingPhone().Send("/phone");
        var en = AskingPhone(new ContactFacts("John", null, null, null, null, "en-US")).Send("/phone");

        Assert.Empty(ru.Replies.Single().Buttons);
        Assert.Equal("We need your phone\nНапишите, пожалуйста, номер телефона, например +7 912 345-67-89.", ru.Replies.Single().Text);
        Assert.Equal("We need your phone\nPlease type your phone number, for example +7 912 345-67-89.", en.Replies.Single().Text);
    }

    [Fact]
    public void A_typed_number_becomes_the_contacts_phone_in_E164_marked_as_typed()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        var result = chat.Send("8 (912) 345-67-89");

        Assert.Equal(["Thanks, +79123456789"], chat.Said);
        Assert.True(result.ContactChanged);
        Assert.Equal(("+79123456789", true), (result.Contact.Phone, result.Contact.PhoneTyped));
    }

    [Fact]
    public void A_number_without_a_country_code_is_read_in_the_configured_region()
    {
        var scenario = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Phone?").On("received", "thanks").Message("thanks", "{{contact.phone}}").Build(10);
        var chat = new RunnerChat(BotScenarios.Of([scenario]), settings: NoSharing with { PhoneRegion = "DE" });
        chat.Send("/phone");

        chat.Send("030 12345678");

        Assert.Equal(["+493012345678"], chat.Said);
    }

    [Fact]
    public void An_invalid_typed_number_is_answered_in_the_customers_language_and_asked_again_and_nothing_is_stored()
    {
        var chat = AskingPhone(new ContactFacts("John", null, null, null, null, "en-GB"));
        chat.Send("/phone");

        var result = chat.Send("call me maybe");

        Assert.Equal(["This does not look like a phone number. Please type it with the country code, for example +7 912 345-67-89."], chat.Said);
        Assert.False(result.ContactChanged);
        Assert.Null(result.Contact.Phone);
        Assert.Equal("p", result.State.StepId);

        chat.Send("+7 912 345 67 89");
        Assert.Equal(["Thanks, +79123456789"], chat.Said);
    }

    [Fact]
    public void The_steps_own_retry_text_answers_an_invalid_number_when_the_manager_wrote_one()
    {
        var scenario = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Phone?").With(s => s.RetryText = "Hmm, {{contact.firstName}}, that is no number.")
            .On("received", "thanks").Message("thanks", "ok").Build(10);
        var chat = new RunnerChat(BotScenarios.Of([scenario]), settings: NoSharing);
        chat.Send("/phone");

        chat.Send("call me maybe");

        Assert.Equal(["Hmm, Anna, that is no number."], chat.Said);
    }

    [Fact]
    public void The_steps_tries_count_for_a_typed_number()
    {
        var scenario = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Phone?").With(s => s.MaxTries = 1)
            .On("received", "thanks").On("refused", "sad").Message("thanks", "ok").Message("sad", "No phone then").Build(10);
        var chat = new RunnerChat(BotScenarios.Of([scenario]), settings: NoSharing);
        chat.Send("/phone");

        chat.Send("12");

        Assert.Equal(["No phone then"], chat.Said);
    }

    [Fact]
    public void After_the_steps_tries_an_invalid_number_leaves_by_refused()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        chat.Send("12");
        chat.Send("34");
        chat.Send("56");

        Assert.Equal(["No phone then"], chat.Said);
        Assert.Null(chat.Contact.Phone);
    }

    [Fact]
    public void Where_the_channel_can_share_a_contact_typed_text_still_refuses_as_before()
    {
        var scenario = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Phone?").On("received", "thanks").On("refused", "sad")
            .Message("thanks", "ok").Message("sad", "No phone then").Build(10);
        var chat = new RunnerChat(BotScenarios.Of([scenario]));
        chat.Send("/phone");

        chat.Send("+79123456789");

        Assert.Equal(["No phone then"], chat.Said);
        Assert.Equal(ButtonKind.SharePhone, AskingPhoneWithButton().Replies.Single().Buttons.Single().Kind);
    }

    private static RunResult AskingPhoneWithButton() =>
        new RunnerChat(BotScenarios.Of([ScenarioBuilder.Named("P").OnCommand("/p").StartsWith("p").RequestPhone("p", "Phone?").Build(11)])).Send("/p");
}
