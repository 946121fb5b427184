using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Operators;

/// <summary>A customer who writes again soon after an operator closed their dialog goes back to that operator (or waits for
/// anyone while they are away) instead of getting the bot's "not understood"; later, the bot answers as before.</summary>
public class ReopenToOperatorTests : OperatorTestBase
{
    private const long Chat = 4001;

    /// <summary>Anna took the customer's dialog over and closed it.</summary>
    private async Task<(OperatorRef Anna, long ConversationId)> ClosedByAnnaAsync()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "where is my order?");
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);
        Assert.Equal(ConversationActionOutcome.Done, (await Control.CloseAsync(conversation.Id, anna, null)).Outcome);
        Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == NotUnderstood); // the bot's answer to the first message
        return (anna, conversation.Id);
    }

    [Fact]
    public async Task Writing_again_soon_after_the_close_goes_back_to_the_operator_who_had_it_when_they_are_online()
    {
        var (anna, id) = await ClosedByAnnaAsync();
        using var online = Presence.GoOnline(anna.UserId);

        await SayAsync(Chat, "one more question");

        var conversation = await ConversationAsync(Chat);
        Assert.Equal((false, ConversationMode.WithOperator, anna.UserId), (conversation.IsClosed, conversation.Mode, conversation.AssignedUserId));
        var back = Assert.Single(await HistoryOfAsync(id), m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.ReopenedToOperator);
        Assert.Equal("anna", back.EventDetail);
        Assert.Single(await HistoryOfAsync(id), m => m.Text == NotUnderstood); // the bot stayed silent this time
    }

    [Fact]
    public async Task Writing_again_soon_after_the_close_waits_for_anyone_while_that_operator_is_offline()
    {
        var (_, id) = await ClosedByAnnaAsync();

        await SayAsync(Chat, "one more question");

        var conversation = await ConversationAsync(Chat);
        Assert.Equal((false, ConversationMode.WaitingForOperator, (string?)null), (conversation.IsClosed, conversation.Mode, conversation.AssignedUserId));
        Assert.Single(await HistoryOfAsync(id), m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.ReopenedWaiting);
        Assert.Single(await HistoryOfAsync(id), m => m.Text == NotUnderstood); // the bot stayed silent this time
    }

    [Fact]
    public async Task Writing_again_after_the_reopen_time_gets_the_bot_as_before()
    {
        var (anna, id) = await ClosedByAnnaAsync();
        using var online = Presence.GoOnline(anna.UserId);
        await using (var db = await _app.Db())
        {
            var closed = await db.Conversations.SingleAsync(c => c.Id == id);
            closed.ClosedAt = DateTimeOffset.UtcNow.AddMinutes(-61); // closed longer ago than the default 60 minutes
            await db.SaveChangesAsync();
        }

        await SayAsync(Chat, "one more question");

        await SentEventuallyAsync(Chat, NotUnderstood);
        var conversation = await ConversationAsync(Chat);
        Assert.Equal((false, ConversationMode.Bot, (string?)null), (conversation.IsClosed, conversation.Mode, conversation.AssignedUserId));
        Assert.DoesNotContain(await HistoryOfAsync(id), m => m.Text is ConversationEventCodes.ReopenedToOperator or ConversationEventCodes.ReopenedWaiting);
    }

    [Fact]
    public async Task A_dialog_closed_while_nobody_had_it_gets_the_bot_when_the_customer_writes_again()
    {
        var anna = await OperatorAsync("anna");
        using var online = Presence.GoOnline(anna.UserId);
        await SayAsync(Chat, "where is my order?");
        await Control.CloseAsync((await ConversationAsync(Chat)).Id, anna, null); // closed from the bot, nobody had it

        await SayAsync(Chat, "one more question");

        await Eventually.GetAsync(() => Task.FromResult(SentTo(Chat)), sent => sent.Count(t => t == NotUnderstood) == 2, "the bot to answer again");
        Assert.Equal(ConversationMode.Bot, (await ConversationAsync(Chat)).Mode);
    }
}

/// <summary>Bots1C:Operators:ReopenToOperatorMinutes = 0 turns the return to the operator off.</summary>
public class ReopenToOperatorOffTests() : OperatorTestBase(app => app.With("Bots1C:Operators:ReopenToOperatorMinutes", "0"))
{
    private const long Chat = 4002;

    [Fact]
    public async Task With_the_setting_at_zero_the_customer_writing_again_right_after_the_close_gets_the_bot()
    {
        var anna = await OperatorAsync("anna");
        using var online = Presence.GoOnline(anna.UserId);
        await SayAsync(Chat, "where is my order?");
        var id = (await ConversationAsync(Chat)).Id;
        await Control.TakeOverAsync(id, anna);
        await Control.CloseAsync(id, anna, null);

        await SayAsync(Chat, "one more question");

        await Eventually.GetAsync(() => Task.FromResult(SentTo(Chat)), sent => sent.Count(t => t == NotUnderstood) == 2, "the bot to answer again");
        Assert.Equal((ConversationMode.Bot, (string?)null), ((await ConversationAsync(Chat)).Mode, (await ConversationAsync(Chat)).AssignedUserId));
    }
}
