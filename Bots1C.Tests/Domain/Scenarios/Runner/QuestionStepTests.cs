using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>Question, Request phone and Request e-mail: answers, their parsing, retries and giving up.</summary>
public class QuestionStepTests
{
    private static RunnerChat Asking(AnswerType type, int maxTries = 3, string? retryText = null, params string[] choices) =>
        RunnerChat.With(ScenarioBuilder.Named("Ask").OnCommand("/ask").StartsWith("q")
            .Question("q", "Your answer?", "answer", type, maxTries, retryText, choices).On("answered", "ok").On("gaveUp", "bye")
            .Message("ok", "Got {{vars.answer}}")
            .Message("bye", "Never mind")
            .Build(10));

    [Fact]
    public void A_question_asks_and_waits_for_the_answer()
    {
        var chat = Asking(AnswerType.Text);

        var result = chat.Send("/ask");

        Assert.Equal(["Your answer?"], chat.Said);
        Assert.Equal("q", result.State.StepId);
        Assert.Equal(RunnerChat.T0, result.State.WaitingSince);
        Assert.Empty(result.Replies[0].Buttons);
    }

    [Fact]
    public void An_answer_goes_into_the_variable_and_leaves_by_answered()
    {
        var chat = Asking(AnswerType.Text);
        chat.Send("/ask");

        var result = chat.Send("  Anna Petrova  ");

        Assert.Equal(["Got Anna Petrova"], chat.Said);
        Assert.Equal("Anna Petrova", result.State.Variables["answer"]);
        Assert.True(result.State.IsIdle);
    }

    [Theory]
    [InlineData(AnswerType.Phone, "8 (912) 345-67-89", "+79123456789")]
    [InlineData(AnswerType.Phone, "+7 912 3456789", "+79123456789")]
    [InlineData(AnswerType.Phone, "79123456789", "+79123456789")]
    [InlineData(AnswerType.Number, "1 234,5", "1234.5")]
    [InlineData(AnswerType.Number, "1234.5", "1234.5")]
    [InlineData(AnswerType.Number, "-42", "-42")]
    [InlineData(AnswerType.Number, "1\u00a0000", "1000")]
    [InlineData(AnswerType.Date, "31.12.2025", "2025-12-31")]
    [InlineData(AnswerType.Date, "1.2.2025", "2025-02-01")]
    [InlineData(AnswerType.Date, "2025-12-31", "2025-12-31")]
    [InlineData(AnswerType.Date, "31/12/2025", "2025-12-31")]
    [InlineData(AnswerType.Email, "anna@example.com", "anna@example.com")]
    [InlineData(AnswerType.Text, "anything at all", "anything at all")]
    public void Each_answer_type_stores_the_answer_in_its_normal_form(AnswerType type, string typed, string stored)
    {
        var chat = Asking(type);
        chat.Send("/ask");

        chat.Send(typed);

        Assert.Equal(stored, chat.Variables["answer"]);
    }

    [Theory]
    [InlineData("красный", "Красный")]
    [InlineData("ЗЕЛЁНЫЙ!", "Зелёный")]
    [InlineData("зеленый", "Зелёный")]
    public void A_choice_is_recognised_by_its_text_and_stored_as_the_option_is_written(string typed, string stored)
    {
        var chat = Asking(AnswerType.Choice, choices: ["Красный", "Зелёный"]);
        chat.Send("/ask");

        chat.Send(typed);

        Assert.Equal(stored, chat.Variables["answer"]);
    }

    [Fact]
    public void A_choice_question_offers_its_options_as_reply_buttons()
    {
        var chat = Asking(AnswerType.Choice, choices: ["Красный", "Зелёный"]);

        var result = chat.Send("/ask");

        Assert.Equal([new Button(ButtonKind.Reply, "Красный"), new Button(ButtonKind.Reply, "Зелёный")], result.Replies[0].Buttons);
    }

    [Theory]
    [InlineData(AnswerType.Number, "many")]
    [InlineData(AnswerType.Number, "1.234,5")]
    [InlineData(AnswerType.Date, "31.02.2025")]
    [InlineData(AnswerType.Date, "tomorrow")]
    [InlineData(AnswerType.Email, "anna@localhost")]
    [InlineData(AnswerType.Email, "not an email")]
    [InlineData(AnswerType.Phone, "12345")]
    [InlineData(AnswerType.Choice, "синий")]
    public void An_answer_that_does_not_fit_its_type_is_asked_again(AnswerType type, string typed)
    {
        var chat = Asking(type, retryText: "Please try again", choices: ["Красный"]);
        chat.Send("/ask");

        var result = chat.Send(typed);

        Assert.Equal(["Please try again"], chat.Said);
        Assert.Equal(("q", 1), (result.State.StepId, result.State.Tries));
        Assert.False(result.State.Variables.ContainsKey("answer"));
    }

    [Fact]
    public void A_text_answer_longer_than_the_limit_is_asked_again()
    {
        var chat = Asking(AnswerType.Text, retryText: "Shorter please");
        chat.Send("/ask");

        chat.Send(new string('a', AnswerParser.MaxTextAnswer + 1));

        Assert.Equal(["Shorter please"], chat.Said);
    }

    [Fact]
    public void Without_a_retry_text_the_question_itself_is_asked_again_with_its_buttons()
    {
        var chat = Asking(AnswerType.Choice, choices: ["Да", "Нет"]);
        chat.Send("/ask");

        var result = chat.Send("может быть");

        Assert.Equal(["Your answer?"], chat.Said);
        Assert.Equal(2, result.Replies[0].Buttons.Count);
    }

    [Fact]
    public void A_retry_restarts_the_idle_clock()
    {
        var chat = Asking(AnswerType.Number);
        chat.Send("/ask");

        var result = chat.After(TimeSpan.FromMinutes(5)).Send("many");

        Assert.Equal(RunnerChat.T0.AddMinutes(5), result.State.WaitingSince);
    }

    [Fact]
    public void After_max_tries_wrong_answers_the_question_gives_up()
    {
        var chat = Asking(AnswerType.Number, maxTries: 3, retryText: "A number, please");
        chat.Send("/ask");

        chat.Send("one");
        chat.Send("two");
        Assert.Equal(["A number, please"], chat.Said);
        var result = chat.Send("three");

        Assert.Equal(["Never mind"], chat.Said);
        Assert.True(result.State.IsIdle);
        Assert.Equal(0, result.State.Tries);
    }

    [Fact]
    public void With_one_try_the_first_wrong_answer_gives_up()
    {
        var chat = Asking(AnswerType.Number, maxTries: 1);
        chat.Send("/ask");

        chat.Send("one");

        Assert.Equal(["Never mind"], chat.Said);
    }

    [Fact]
    public void A_right_answer_after_wrong_ones_is_accepted()
    {
        var chat = Asking(AnswerType.Number, maxTries: 3);
        chat.Send("/ask");
        chat.Send("one");

        chat.Send("2");

        Assert.Equal(["Got 2"], chat.Said);
    }

    [Fact]
    public void A_phone_question_accepts_a_shared_contact_normalised()
    {
        var chat = Asking(AnswerType.Phone);
        chat.Send("/ask");

        chat.SharePhone("79123456789", own: false);

        Assert.Equal("+79123456789", chat.Variables["answer"]);
    }

    [Fact]
    public void A_text_question_does_not_take_a_shared_contact_as_its_answer()
    {
        var chat = Asking(AnswerType.Text, retryText: "Type it please");
        chat.Send("/ask");

        chat.SharePhone("+79123456789");

        Assert.Equal(["Type it please"], chat.Said);
    }

    // Request phone

    private static RunnerChat AskingPhone(ContactFacts? contact = null, string? buttonLabel = null)
    {
        var builder = ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Share your phone").On("received", "thanks").On("refused", "sad");
        if (buttonLabel is not null)
            builder.With(s => s.Buttons.Add(new StepButton { Id = "b", Text = buttonLabel }));
        var scenario = builder.Message("thanks", "Thanks, {{contact.phone}}").Message("sad", "No phone then").Build(10);
        return new RunnerChat(BotScenarios.Of([scenario]), contact);
    }

    [Fact]
    public void Request_phone_shows_a_share_phone_button_in_the_contacts_language()
    {
        var ru = AskingPhone().Send("/phone");
        var en = AskingPhone(new ContactFacts("John", null, null, null, null, "en-GB")).Send("/phone");

        Assert.Equal(new Button(ButtonKind.SharePhone, "📱 Отправить номер телефона"), ru.Replies.Single().Buttons.Single());
        Assert.Equal(new Button(ButtonKind.SharePhone, "📱 Share my phone number"), en.Replies.Single().Buttons.Single());
    }

    [Fact]
    public void Request_phone_uses_its_own_button_label_when_given_one()
    {
        var result = AskingPhone(buttonLabel: "Send mine, {{contact.firstName}}").Send("/phone");

        Assert.Equal(new Button(ButtonKind.SharePhone, "Send mine, Anna"), result.Replies.Single().Buttons.Single());
    }

    [Fact]
    public void Request_phone_takes_the_customers_own_contact_normalised_into_the_contact()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        var result = chat.SharePhone("8 912 345 67 89", own: true);

        Assert.Equal(["Thanks, +79123456789"], chat.Said);
        Assert.True(result.ContactChanged);
        Assert.Equal("+79123456789", result.Contact.Phone);
    }

    [Fact]
    public void Request_phone_refuses_someone_elses_contact()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        var result = chat.SharePhone("+79123456789", own: false);

        Assert.Equal(["No phone then"], chat.Said);
        Assert.False(result.ContactChanged);
        Assert.Null(result.Contact.Phone);
    }

    [Fact]
    public void Request_phone_counts_a_typed_reply_as_refused()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        chat.Send("+79123456789");

        Assert.Equal(["No phone then"], chat.Said);
    }

    [Fact]
    public void Request_phone_refuses_an_own_contact_that_is_no_phone_number()
    {
        var chat = AskingPhone();
        chat.Send("/phone");

        chat.SharePhone("123", own: true);

        Assert.Equal(["No phone then"], chat.Said);
    }

    // Request e-mail

    private static RunnerChat AskingEmail(int maxTries = 2) =>
        RunnerChat.With(ScenarioBuilder.Named("Mail").OnCommand("/mail").StartsWith("e")
            .RequestEmail("e", "Your e-mail?", maxTries, "That is no e-mail").On("received", "thanks").On("gaveUp", "bye")
            .Message("thanks", "Thanks, {{contact.email}}").Message("bye", "Bye").Build(10));

    [Fact]
    public void Request_email_takes_a_valid_address_into_the_contact()
    {
        var chat = AskingEmail();
        chat.Send("/mail");

        var result = chat.Send(" anna@example.com ");

        Assert.Equal(["Thanks, anna@example.com"], chat.Said);
        Assert.True(result.ContactChanged);
        Assert.Equal("anna@example.com", result.Contact.Email);
    }

    [Fact]
    public void Request_email_asks_again_with_its_retry_text()
    {
        var chat = AskingEmail();
        chat.Send("/mail");

        var result = chat.Send("anna at example");

        Assert.Equal(["That is no e-mail"], chat.Said);
        Assert.Equal(1, result.State.Tries);
        Assert.False(result.ContactChanged);
    }

    [Fact]
    public void Request_email_gives_up_after_max_tries()
    {
        var chat = AskingEmail(maxTries: 2);
        chat.Send("/mail");
        chat.Send("no");

        var result = chat.Send("still no");

        Assert.Equal(["Bye"], chat.Said);
        Assert.True(result.State.IsIdle);
    }
}
