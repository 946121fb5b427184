using System.Text.Json;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Conversations;

public sealed record OutgoingText(long ConversationId, string Text, IReadOnlyList<Button>? Buttons, string Author)
{
    public OutgoingAttachment? Attachment { get; init; }
    /// <summary>The signed-in person who wrote it, when it comes from the messenger screen.</summary>
    public string? AuthorUserId { get; init; }
}

public sealed record OutgoingAttachment(string FileName, string MimeType, byte[] Content);

/// <summary>What an outgoing message carries: text and buttons, and at most one file — new content stored with the
/// message (an operator's attachment, a print form's PDF) or a file already stored (a scenario's).</summary>
public sealed record OutgoingContent(string? Text, IReadOnlyList<Button>? Buttons = null)
{
    /// <summary>New content, saved with the message (one <see cref="Files.StoredFile"/> may go to many chats).</summary>
    public Files.StoredFile? NewFile { get; init; }
    public StoredFileRef? StoredFile { get; init; }

    public static OutgoingContent TextOnly(string? text, IReadOnlyList<Button>? buttons = null) => new(text, buttons);
    public static OutgoingContent WithNewFile(string? text, Files.StoredFile file, IReadOnlyList<Button>? buttons = null) =>
        new(text, buttons) { NewFile = file };
    public static OutgoingContent WithStoredFile(string? text, StoredFileRef file, IReadOnlyList<Button>? buttons = null) =>
        new(text, buttons) { StoredFile = file };
}

/// <summary>A file already in the database, by id, with what the message shows of it.</summary>
public sealed record StoredFileRef(long Id, string FileName, string MimeType, long Size);

public sealed record EnqueueResult(Message? Message, IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors, bool NotFound = false);

/// <summary>Queues outgoing messages: the message (state "queued") and its outbox row are committed together,
/// and the dispatcher delivers them in the background. Nothing here calls a messenger.</summary>
public class Outbox(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    FluentValidation.IValidator<OutgoingText> validator,
    OutboxSignal signal,
    ConversationNotifier notifier,
    TimeProvider clock)
{
    public async Task<EnqueueResult> EnqueueAsync(OutgoingText outgoing, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(outgoing, ct);
        if (!validation.IsValid)
            return new EnqueueResult(null, validation.Errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == outgoing.ConversationId, ct);
        if (conversation is null)
            return new EnqueueResult(null, [], NotFound: true);
        var now = clock.GetUtcNow();
        var content = outgoing.Attachment is { } a
            ? OutgoingContent.WithNewFile(outgoing.Text,
                new Files.StoredFile { FileName = a.FileName.Trim(), MimeType = a.MimeType, Size = a.Content.Length, Content = a.Content, CreatedAt = now },
                outgoing.Buttons)
            : OutgoingContent.TextOnly(outgoing.Text, outgoing.Buttons);
        var message = Stage(db, conversation, content, outgoing.Author, now, outgoing.AuthorUserId);
        await db.SaveChangesAsync(ct);
        signal.Signal();
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, message.Id, ConversationChange.MessageAdded));
        return new EnqueueResult(message, []);
    }

    /// <summary>The one way to stage an outgoing message: a queued message and its outbox row are added to the caller's
    /// unit of work (committed with whatever else it holds, e.g. a scenario's new state), and the dialog list's last
    /// message moves on. The caller signals the dispatcher after the commit.</summary>
    public static Message Stage(Bots1CDbContext db, Conversation conversation, OutgoingContent content, string author,
        DateTimeOffset now, string? authorUserId = null)
    {
        var message = new Message
        {
            Conversation = conversation,
            Direction = MessageDirection.Outgoing,
            Kind = MessageKind.Text,
            Text = string.IsNullOrWhiteSpace(content.Text) ? null : content.Text,
            ButtonsJson = content.Buttons is { Count: > 0 } buttons ? JsonSerializer.Serialize(buttons) : null,
            Author = author,
            AuthorUserId = authorUserId,
            DeliveryState = DeliveryState.Queued,
            CreatedAt = now,
        };
        if (content.NewFile is { } file)
        {
            message.Kind = MessageKind.File;
            message.StoredFile = file;
            (message.FileName, message.MimeType, message.FileSize) = (file.FileName, file.MimeType, file.Size);
        }
        else if (content.StoredFile is { } stored)
        {
            message.Kind = MessageKind.File;
            message.StoredFileId = stored.Id;
            (message.FileName, message.MimeType, message.FileSize) = (stored.FileName, stored.MimeType, stored.Size);
        }
        db.Messages.Add(message);
        db.Outbox.Add(new OutboxItem
        {
            BotId = conversation.BotId, ChatId = conversation.ChatId, Kind = OutboxKind.Message, Message = message,
            NextAttemptAt = now, CreatedAt = now,
        });
        conversation.LastMessageAt = now;
        conversation.LastMessagePreview = Conversation.PreviewOf(message.Text, message.FileName);
        return message;
    }

    /// <summary>Telegram's answer to a pressed button (the customer's client stops spinning), in the caller's unit of work.</summary>
    public static void StageCallbackAnswer(Bots1CDbContext db, long botId, string chatId, string callbackId, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxItem
        {
            BotId = botId, ChatId = chatId, Kind = OutboxKind.CallbackAnswer, CallbackId = callbackId, NextAttemptAt = now, CreatedAt = now,
        });

    /// <summary>Asks the messenger's own agents to take the chat (JivoChat INVITE_AGENT), in the caller's unit of work. The
    /// row points at the conversation's event that says so (<paramref name="handedOver"/>): a row tied to a new message is
    /// inserted after that message, like each of the turn's replies, so the invite keeps its place behind them (a row tied
    /// to nothing would be inserted first and overtake them). The event's delivery state then tells whether it went out.</summary>
    public static void StageInviteAgent(Bots1CDbContext db, Conversation conversation, Message handedOver, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxItem
        {
            BotId = conversation.BotId, ChatId = conversation.ChatId, Kind = OutboxKind.InviteAgent, Message = handedOver,
            NextAttemptAt = now, CreatedAt = now,
        });

    /// <summary>A failed message goes out again as a new attempt of the same message: its outbox row starts over.</summary>
    public static async Task StageAgainAsync(Bots1CDbContext db, Message message, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.Outbox.Where(o => o.MessageId == message.Id).OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            item = new OutboxItem { BotId = message.Conversation!.BotId, ChatId = message.Conversation.ChatId, Kind = OutboxKind.Message, MessageId = message.Id, CreatedAt = now };
            db.Outbox.Add(item);
        }
        item.State = OutboxState.Pending;
        item.Attempts = 0;
        item.NextAttemptAt = now;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        item.LastError = null;
        message.DeliveryState = DeliveryState.Queued;
        message.FailureReason = null;
    }

    public static IReadOnlyList<Button> ButtonsOf(Message message) =>
        message.ButtonsJson is null ? [] : JsonSerializer.Deserialize<List<Button>>(message.ButtonsJson) ?? [];
}
