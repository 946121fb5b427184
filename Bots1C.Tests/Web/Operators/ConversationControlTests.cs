using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Operators;

/// <summary>What operators do to a dialog, against the real app and a fake Telegram Bot API: the customer's side is
/// checked where the customer would see it, at the messenger.</summary>
public class ConversationControlTests : OperatorTestBase
{
    private const long Chat = 2001;

    [Fact]
    public async Task Taking_over_assigns_the_conversation_and_the_bot_stops_answering_in_it()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        await SentEventuallyAsync(Chat, NotUnderstood);
        var conversation = await ConversationAsync(Chat);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.TakeOverAsync(conversation.Id, anna)).Outcome);
        await SayAsync(Chat, "is anybody there?");
        // Replies leave a chat in order: once the operator's answer is out, a bot reply would have been sent before it.
        await Control.SendAsync(conversation.Id, anna, "Anna here, how can I help?", null);
        await SentEventuallyAsync(Chat, "Anna here, how can I help?");

        Assert.Equal([NotUnderstood, "Anna here, how can I help?"], SentTo(Chat));
        var taken = await ConversationAsync(Chat);
        Assert.Equal(ConversationMode.WithOperator, taken.Mode);
        Assert.Equal(anna.UserId, taken.AssignedUserId);
        Assert.Contains(await HistoryOfAsync(conversation.Id), m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.TakenOver && m.AuthorUserId == anna.UserId);
    }

    [Fact]
    public async Task Of_two_operators_taking_the_same_conversation_at_once_exactly_one_wins_and_the_other_is_told_who()
    {
        var anna = await OperatorAsync("anna");
        var boris = await OperatorAsync("boris");
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => Control.TakeOverAsync(conversation.Id, anna)),
                Task.Run(() => Control.TakeOverAsync(conversation.Id, boris)));

            var winner = Assert.Single(results, r => r.Outcome == ConversationActionOutcome.Done);
            var loser = Assert.Single(results, r => r.Outcome == ConversationActionOutcome.TakenByOther);
            var holder = (await ConversationAsync(Chat)).AssignedUserId;
            var (won, lost) = holder == anna.UserId ? (anna, boris) : (boris, anna);
            Assert.Equal(won.Name, loser.OtherName);
            Assert.Same(winner, results[holder == anna.UserId ? 0 : 1]);
            Assert.Equal(ConversationActionOutcome.TakenByOther, (await Control.TakeOverAsync(conversation.Id, lost)).Outcome);

            Assert.Equal(ConversationActionOutcome.Done, (await Control.ReturnToBotAsync(conversation.Id, won)).Outcome);
        }
    }

    [Fact]
    public async Task A_conversation_is_transferred_to_another_operator_with_a_note_for_them()
    {
        var anna = await OperatorAsync("anna");
        var boris = await OperatorAsync("boris");
        await SayAsync(Chat, "I want a discount");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        var result = await Control.TransferAsync(conversation.Id, anna, boris.UserId, "Regular customer, offer 5%");

        Assert.Equal(ConversationActionOutcome.Done, result.Outcome);
        var transferred = await ConversationAsync(Chat);
        Assert.Equal(boris.UserId, transferred.AssignedUserId);
        Assert.Equal(ConversationMode.WithOperator, transferred.Mode);
        var history = await HistoryOfAsync(conversation.Id);
        Assert.Contains(history, m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.Transferred && m.EventDetail == boris.Name);
        var note = Assert.Single(history, m => m.Kind == MessageKind.Note);
        Assert.Equal(("Regular customer, offer 5%", MessageDirection.Internal, anna.UserId), (note.Text, note.Direction, note.AuthorUserId));
        Assert.Equal(ConversationActionOutcome.TakenByOther, (await Control.SendAsync(conversation.Id, anna, "still me", null)).Outcome);
    }

    [Fact]
    public async Task A_conversation_cannot_be_transferred_to_someone_who_does_not_work_in_the_messenger()
    {
        var anna = await OperatorAsync("anna");
        var accountant = await _app.CreateUserAsync("accountant@example.ru", HtmlForms.Password); // signed-in user, no role
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        var result = await Control.TransferAsync(conversation.Id, anna, accountant.Id, null);

        Assert.Equal("OperatorUnknown", Assert.Single(result.Errors!).ErrorCode);
        Assert.Equal(anna.UserId, (await ConversationAsync(Chat)).AssignedUserId);
        Assert.DoesNotContain(await Control.OperatorsAsync(), o => o.UserId == accountant.Id);
    }

    [Fact]
    public async Task Returning_to_the_bot_into_a_chosen_scenario_makes_the_bot_ask_its_first_question()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "thanks, that is all");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        var result = await Control.ReturnToBotAsync(conversation.Id, anna, _surveyId);

        Assert.Equal(ConversationActionOutcome.Done, result.Outcome);
        await SentEventuallyAsync(Chat, SurveyQuestion);
        var returned = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.Bot, null, _surveyId), (returned.Mode, returned.AssignedUserId, returned.ScenarioId));
        Assert.Contains(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.ReturnedToBot && m.EventDetail == "Survey");
    }

    [Fact]
    public async Task Closing_sends_the_closing_message_and_the_customers_next_message_reopens_the_conversation()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "where is my order?");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.CloseAsync(conversation.Id, anna, "Glad to help, goodbye!")).Outcome);
        await SentEventuallyAsync(Chat, "Glad to help, goodbye!");
        var closed = await ConversationAsync(Chat);
        Assert.True(closed.IsClosed);
        Assert.Null(closed.AssignedUserId);

        await SayAsync(Chat, "one more question");

        var reopened = await ConversationAsync(Chat);
        Assert.False(reopened.IsClosed);
        Assert.Null(reopened.ClosedAt);
        var history = await HistoryOfAsync(conversation.Id);
        var reopenedAt = history.FindIndex(m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.Reopened);
        Assert.True(reopenedAt > history.FindIndex(m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.Closed), "reopened after closed");
    }

    [Fact]
    public async Task Closing_a_closed_conversation_is_refused_and_the_customer_gets_no_second_closing_message()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "where is my order?");
        var conversation = await ConversationAsync(Chat);
        await Control.CloseAsync(conversation.Id, anna, "Goodbye!");
        await SentEventuallyAsync(Chat, "Goodbye!");

        var again = await Control.CloseAsync(conversation.Id, anna, "Goodbye!");

        Assert.Equal("AlreadyClosed", Assert.Single(again.Errors!).ErrorCode);
        var history = await HistoryOfAsync(conversation.Id);
        Assert.Single(history, m => m.Text == "Goodbye!");
        Assert.Single(history, m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.Closed);
    }

    [Fact]
    public async Task Transferring_a_closed_conversation_reopens_it_entirely()
    {
        var anna = await OperatorAsync("anna");
        var boris = await OperatorAsync("boris");
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        await Control.CloseAsync(conversation.Id, anna, null);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.TransferAsync(conversation.Id, anna, boris.UserId, null)).Outcome);

        var transferred = await ConversationAsync(Chat);
        Assert.Equal((false, (DateTimeOffset?)null, ConversationMode.WithOperator, boris.UserId),
            (transferred.IsClosed, transferred.ClosedAt, transferred.Mode, transferred.AssignedUserId));
    }

    [Fact]
    public async Task A_closed_conversation_returned_into_a_scenario_that_hands_over_is_open_and_waits_for_an_operator()
    {
        var anna = await OperatorAsync("anna");
        var callMe = await InstallAsync(ScenarioBuilder.Named("Call me").StartsWith("h").HandOver("h", "Please wait for a person."));
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        await Control.CloseAsync(conversation.Id, anna, null);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.ReturnToBotAsync(conversation.Id, anna, callMe)).Outcome);

        await SentEventuallyAsync(Chat, "Please wait for a person.");
        var waiting = await ConversationAsync(Chat);
        Assert.Equal((false, (DateTimeOffset?)null, ConversationMode.WaitingForOperator), (waiting.IsClosed, waiting.ClosedAt, waiting.Mode));
    }

    [Fact]
    public async Task An_internal_note_is_kept_in_the_conversation_but_never_reaches_the_messenger()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        var result = await Control.AddNoteAsync(conversation.Id, anna, "VIP, owes us for two invoices");
        await Control.SendAsync(conversation.Id, anna, "Good afternoon!", null);
        await SentEventuallyAsync(Chat, "Good afternoon!");

        Assert.Equal(ConversationActionOutcome.Done, result.Outcome);
        Assert.DoesNotContain(_telegram.LogEntries, e => e.RequestMessage.Body?.Contains("two invoices") == true);
        var note = Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Kind == MessageKind.Note);
        Assert.Equal((MessageDirection.Internal, "VIP, owes us for two invoices", (DeliveryState?)null), (note.Direction, note.Text, note.DeliveryState));
        await using var db = await _app.Db();
        Assert.False(await db.Outbox.AnyAsync(o => o.MessageId == note.Id));
    }

    [Fact]
    public async Task A_failed_message_sent_again_by_retry_is_delivered()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        await SentEventuallyAsync(Chat, NotUnderstood);
        var conversation = await ConversationAsync(Chat);
        AnswerSendMessage(400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");
        var sent = await Control.SendAsync(conversation.Id, anna, "Your invoice is ready", null);
        var failed = await StateAsync(sent.Message!.Id, DeliveryState.Failed);
        Assert.Contains("chat not found", failed.FailureReason);
        AnswerSendMessage(200, SentOk);

        var retried = await Control.RetryAsync(failed.Id);

        Assert.Equal(ConversationActionOutcome.Done, retried.Outcome);
        var delivered = await StateAsync(failed.Id, DeliveryState.Sent);
        Assert.Null(delivered.FailureReason);
        Assert.Equal(2, SentTo(Chat).Count(t => t == "Your invoice is ready"));
        Assert.Equal(ConversationActionOutcome.Invalid, (await Control.RetryAsync(failed.Id)).Outcome); // only failed ones are retried
    }

    [Fact]
    public async Task An_operators_reply_goes_out_through_the_outbox_and_takes_over_a_conversation_nobody_has()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        Assert.Null(conversation.AssignedUserId);

        var result = await Control.SendAsync(conversation.Id, anna, "Hello, this is Anna", null);

        Assert.Equal(ConversationActionOutcome.Done, result.Outcome);
        await SentEventuallyAsync(Chat, "Hello, this is Anna");
        var reply = Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == "Hello, this is Anna");
        Assert.Equal((MessageDirection.Outgoing, "anna", anna.UserId, AuthorKind.Operator), (reply.Direction, reply.Author, reply.AuthorUserId, reply.AuthorKind));
        await using (var db = await _app.Db())
            Assert.True(await db.Outbox.AnyAsync(o => o.MessageId == reply.Id));
        var taken = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.WithOperator, anna.UserId), (taken.Mode, taken.AssignedUserId));
    }

    [Fact]
    public async Task A_file_larger_than_the_messenger_accepts_is_refused_and_nothing_is_sent()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "send me the price list");
        var conversation = await ConversationAsync(Chat);
        var limit = _app.Services.GetRequiredService<MessengerFileLimits>().MaxBytes(Bots1C.Domain.Bots.Messenger.Telegram);

        var result = await Control.SendAsync(conversation.Id, anna, "Here it is",
            new OutgoingAttachment("prices.pdf", "application/pdf", new byte[limit + 1]));

        Assert.Equal(ConversationActionOutcome.Invalid, result.Outcome);
        Assert.Equal("FileTooLarge", Assert.Single(result.Errors!).ErrorCode);
        Assert.DoesNotContain(await HistoryOfAsync(conversation.Id), m => m.Text == "Here it is" || m.FileName == "prices.pdf");
        Assert.Null((await ConversationAsync(Chat)).AssignedUserId); // a refused reply takes nothing over
    }

    private Task<Message> StateAsync(long id, DeliveryState state) =>
        Eventually.GetAsync(async () => (await _app.MessagesAsync()).Single(m => m.Id == id), m => m.DeliveryState == state,
            $"message {id} to be {state}");
}
