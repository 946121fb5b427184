using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Operators;

/// <summary>
/// What operators do to a dialog: take it over, answer, note, transfer, return it to the bot, close it. Every action
/// leaves an event in the dialog's history and is announced to the live screens. Whoever has a dialog keeps it:
/// another operator's take-over is refused (the database decides who came first), so two people never answer at once.
/// </summary>
public sealed class ConversationControl(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    Outbox outbox,
    OutboxSignal outboxSignal,
    IScenarioStart scenarioStart,
    ConversationNotifier notifier,
    MessengerFileLimits fileLimits,
    TimeProvider clock)
{
    public async Task<ConversationActionResult> TakeOverAsync(long conversationId, OperatorRef me, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new { c.AssignedUserId, c.Mode, c.IsClosed }).FirstOrDefaultAsync(ct);
        if (current is null)
            return ConversationActionResult.NotFound;
        if (current.AssignedUserId == me.UserId && current.Mode == ConversationMode.WithOperator && !current.IsClosed)
            return ConversationActionResult.Done;

        var now = clock.GetUtcNow();
        // One statement that only succeeds while nobody else has the dialog: of two simultaneous take-overs, one wins.
        var taken = await ConversationStates.TakeOverAsync(db.Conversations.Where(c => c.Id == conversationId), me.UserId, now, ct);
        if (taken == 0)
            return await RefusalAsync(db, conversationId, ct);

        var conversation = await db.Conversations.FirstAsync(c => c.Id == conversationId, ct);
        var message = AddEvent(db, conversation, ConversationEventCodes.TakenOver, me, null, now);
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(conversation, message);
        return ConversationActionResult.Done;
    }

    /// <summary>Gives the dialog back to the bot, optionally straight into a scenario (which answers at once).</summary>
    public async Task<ConversationActionResult> ReturnToBotAsync(long conversationId, OperatorRef me, long? scenarioId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (conversation, refusal) = await OwnConversationAsync(db, conversationId, me, ct);
        if (conversation is null)
            return refusal!;
        string? scenarioName = null;
        if (scenarioId is { } id)
        {
            scenarioName = await db.BotScenarios.Where(b => b.BotId == conversation.BotId && b.ScenarioId == id)
                .Join(db.Scenarios, b => b.ScenarioId, s => s.Id, (_, s) => s.Name).FirstOrDefaultAsync(ct);
            if (scenarioName is null)
                return ConversationActionResult.Refused("ScenarioNotOfBot", "This bot does not run the chosen scenario.");
        }

        var now = clock.GetUtcNow();
        ConversationStates.ReturnToBot(conversation, me.UserId);
        var message = AddEvent(db, conversation, ConversationEventCodes.ReturnedToBot, me, scenarioName, now);
        var changes = scenarioId is { } start ? await scenarioStart.StartAsync(db, conversation, start, ct) : [];
        await db.SaveChangesAsync(ct);
        outboxSignal.Signal();
        await AnnounceAsync(conversation, message);
        foreach (var change in changes)
            await notifier.PublishAsync(change.ToEvent());
        return ConversationActionResult.Done;
    }

    public async Task<ConversationActionResult> TransferAsync(long conversationId, OperatorRef me, string toUserId, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (conversation, refusal) = await OwnConversationAsync(db, conversationId, me, ct);
        if (conversation is null)
            return refusal!;
        if (toUserId == me.UserId)
            return ConversationActionResult.Refused("TransferToSelf", "Choose another operator.");
        var now = clock.GetUtcNow();
        // The same people OperatorsAsync offers.
        var target = await db.ActiveOperators(now).Where(u => u.Id == toUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (target is null)
            return ConversationActionResult.Refused("OperatorUnknown", "This operator does not exist or is locked.");

        ConversationStates.Transfer(conversation, me.UserId, toUserId, now);
        var message = AddEvent(db, conversation, ConversationEventCodes.Transferred, me, target, now);
        if (!string.IsNullOrWhiteSpace(note))
            AddNote(db, conversation, note.Trim(), me, now);
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(conversation, message);
        return ConversationActionResult.Done;
    }

    /// <summary>Closes the dialog, after sending the optional closing message; the customer's next message reopens it.</summary>
    public async Task<ConversationActionResult> CloseAsync(long conversationId, OperatorRef me, string? closingMessage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (conversation, refusal) = await OwnConversationAsync(db, conversationId, me, ct);
        if (conversation is null)
            return refusal!;
        if (ConversationStates.Of(conversation) == ConversationState.Closed)
            return ConversationActionResult.Refused("AlreadyClosed", "The dialog is already closed.");
        if (!string.IsNullOrWhiteSpace(closingMessage) && closingMessage.Length > OutgoingTextValidator.MaxText)
            return ConversationActionResult.Refused("TextTooLong", $"The text is longer than {OutgoingTextValidator.MaxText} characters.");

        var now = clock.GetUtcNow();
        Message? farewell = null;
        if (!string.IsNullOrWhiteSpace(closingMessage))
            farewell = Outbox.Stage(db, conversation, OutgoingContent.TextOnly(closingMessage.Trim()), me.Name, now, me.UserId);
        ConversationStates.Close(conversation, me.UserId, now);
        conversation.UnreadCount = 0;
        var message = AddEvent(db, conversation, ConversationEventCodes.Closed, me, null, now);
        await db.SaveChangesAsync(ct);
        outboxSignal.Signal();
        if (farewell is not null)
            await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, farewell.Id, ConversationChange.MessageAdded));
        await AnnounceAsync(conversation, message);
        return ConversationActionResult.Done;
    }

    /// <summary>An operator's answer: through the same outbox as every other message. Answering a dialog nobody has
    /// takes it over first, so the bot does not talk across the person.</summary>
    public async Task<ConversationActionResult> SendAsync(long conversationId, OperatorRef me, string text, OutgoingAttachment? attachment,
        CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var current = await db.Conversations.Where(c => c.Id == conversationId)
                .Select(c => new { c.AssignedUserId, c.Mode, c.IsClosed, c.BotId }).FirstOrDefaultAsync(ct);
            if (current is null)
                return ConversationActionResult.NotFound;
            if (attachment is not null)
            {
                var messenger = await db.Bots.Where(b => b.Id == current.BotId).Select(b => b.Messenger).FirstAsync(ct);
                var limit = fileLimits.MaxBytes(messenger);
                if (attachment.Content.Length > limit)
                    return ConversationActionResult.Refused("FileTooLarge", $"{messenger} accepts files up to {limit / 1024 / 1024} MB.");
            }
            if (current.AssignedUserId != me.UserId || current.Mode != ConversationMode.WithOperator || current.IsClosed)
            {
                var taken = await TakeOverAsync(conversationId, me, ct);
                if (!taken.Succeeded)
                    return taken;
            }
        }
        var queued = await outbox.EnqueueAsync(new OutgoingText(conversationId, text, null, me.Name)
        {
            Attachment = attachment,
            AuthorUserId = me.UserId,
        }, ct);
        if (queued.NotFound)
            return ConversationActionResult.NotFound;
        return queued.Message is { } message
            ? ConversationActionResult.Done with { Message = message }
            : new ConversationActionResult(ConversationActionOutcome.Invalid, Errors: queued.Errors);
    }

    /// <summary>A note for colleagues: stored in the dialog, never sent.</summary>
    public async Task<ConversationActionResult> AddNoteAsync(long conversationId, OperatorRef me, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ConversationActionResult.Refused("TextRequired", "Write the note.");
        if (text.Length > OutgoingTextValidator.MaxText)
            return ConversationActionResult.Refused("TextTooLong", $"The text is longer than {OutgoingTextValidator.MaxText} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
            return ConversationActionResult.NotFound;
        var note = AddNote(db, conversation, text.Trim(), me, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, note.Id, ConversationChange.MessageAdded));
        return ConversationActionResult.Done with { Message = note };
    }

    /// <summary>Sends a failed message again, as a new attempt of the same message.</summary>
    public async Task<ConversationActionResult> RetryAsync(long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Messages.Include(m => m.Conversation).FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null)
            return ConversationActionResult.NotFound;
        if (message.DeliveryState != DeliveryState.Failed)
            return ConversationActionResult.Refused("NotFailed", "Only a failed message can be sent again.");
        await Outbox.StageAgainAsync(db, message, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        outboxSignal.Signal();
        await notifier.PublishAsync(new ConversationEvent(message.Conversation!.BotId, message.ConversationId, message.Id, ConversationChange.DeliveryChanged));
        return ConversationActionResult.Done with { Message = message };
    }

    /// <summary>The operator opened the dialog: its customer messages count as read.</summary>
    public async Task MarkReadAsync(long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.Where(c => c.Id == conversationId && c.UnreadCount > 0)
            .Select(c => new { c.BotId }).FirstOrDefaultAsync(ct);
        if (conversation is null)
            return;
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadCount, 0), ct);
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversationId, null, ConversationChange.ConversationChanged));
    }

    /// <summary>People who can answer in the messenger (for "transfer to").</summary>
    public async Task<IReadOnlyList<OperatorRef>> OperatorsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var people = await db.ActiveOperators(now).Select(u => new OperatorRef(u.Id, u.DisplayName)).ToListAsync(ct);
        return people.OrderBy(p => p.Name, NameOrder.Comparer).ToList();
    }

    public static Message AddEvent(Bots1CDbContext db, Conversation conversation, string code, OperatorRef? actor, string? detail, DateTimeOffset now)
    {
        var message = new Message
        {
            Conversation = conversation, Direction = MessageDirection.Internal, Kind = MessageKind.Event, Text = code,
            Author = actor?.Name, AuthorUserId = actor?.UserId, EventDetail = detail, CreatedAt = now,
        };
        db.Messages.Add(message);
        return message;
    }

    private static Message AddNote(Bots1CDbContext db, Conversation conversation, string text, OperatorRef me, DateTimeOffset now)
    {
        var note = new Message
        {
            Conversation = conversation, Direction = MessageDirection.Internal, Kind = MessageKind.Note, Text = text,
            Author = me.Name, AuthorUserId = me.UserId, CreatedAt = now,
        };
        db.Messages.Add(note);
        return note;
    }

    /// <summary>The dialog with its contact, when it exists and nobody but <paramref name="me"/> has it; else why not.</summary>
    private static async Task<(Conversation? Conversation, ConversationActionResult? Refusal)> OwnConversationAsync(Bots1CDbContext db, long conversationId,
        OperatorRef me, CancellationToken ct)
    {
        var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
            return (null, ConversationActionResult.NotFound);
        return await HeldByOtherAsync(db, conversation, me, ct) is { } other ? (null, other) : (conversation, null);
    }

    private static async Task<ConversationActionResult?> HeldByOtherAsync(Bots1CDbContext db, Conversation conversation, OperatorRef me, CancellationToken ct) =>
        ConversationStates.IsHeldByOther(conversation, me.UserId)
            ? new ConversationActionResult(ConversationActionOutcome.TakenByOther, await NameOfAsync(db, conversation.AssignedUserId!, ct))
            : null;

    private static async Task<ConversationActionResult> RefusalAsync(Bots1CDbContext db, long conversationId, CancellationToken ct)
    {
        var holder = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.AssignedUserId).FirstOrDefaultAsync(ct);
        return holder is null ? ConversationActionResult.NotFound : new ConversationActionResult(ConversationActionOutcome.TakenByOther, await NameOfAsync(db, holder, ct));
    }

    private static Task<string?> NameOfAsync(Bots1CDbContext db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);

    private async Task AnnounceAsync(Conversation conversation, Message message)
    {
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, message.Id, ConversationChange.MessageAdded));
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, null, ConversationChange.ConversationChanged));
    }
}
