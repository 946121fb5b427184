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
        var file = outgoing.Attachment is { } a
            ? new Files.StoredFile { FileName = a.FileName.Trim(), MimeType = a.MimeType, Size = a.Content.Length, Content = a.Content, CreatedAt = now }
            : null;
        var message = Stage(db, conversation, outgoing.Text, outgoing.Buttons, outgoing.Author, now);
        message.Kind = file is null ? MessageKind.Text : MessageKind.File;
        message.FileName = file?.FileName;
        message.MimeType = file?.MimeType;
        message.FileSize = file?.Size;
        message.StoredFile = file;
        message.AuthorUserId = outgoing.AuthorUserId;
        conversation.LastMessagePreview = Conversation.PreviewOf(message.Text, message.FileName);
        await db.SaveChangesAsync(ct);
        signal.Signal();
        await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, message.Id, ConversationChange.MessageAdded));
        return new EnqueueResult(message, []);
    }

    /// <summary>Adds a queued message and its outbox row to the caller's unit of work (committed with whatever else
    /// it holds, e.g. a scenario's new state). The caller signals the dispatcher after the commit.</summary>
    public static Message Stage(Bots1CDbContext db, Conversation conversation, string? text, IReadOnlyList<Button>? buttons,
        string author, DateTimeOffset now)
    {
        var message = new Message
        {
            Conversation = conversation,
            Direction = MessageDirection.Outgoing,
            Kind = MessageKind.Text,
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
            ButtonsJson = buttons is { Count: > 0 } ? JsonSerializer.Serialize(buttons) : null,
            Author = author,
            DeliveryState = DeliveryState.Queued,
            CreatedAt = now,
        };
        db.Messages.Add(message);
        db.Outbox.Add(new OutboxItem
        {
            BotId = conversation.BotId, ChatId = conversation.ChatId, Kind = OutboxKind.Message, Message = message,
            NextAttemptAt = now, CreatedAt = now,
        });
        conversation.LastMessageAt = now;
        conversation.LastMessagePreview = Conversation.PreviewOf(message.Text, null);
        return message;
    }

    public static IReadOnlyList<Button> ButtonsOf(Message message) =>
        message.ButtonsJson is null ? [] : JsonSerializer.Deserialize<List<Button>>(message.ButtonsJson) ?? [];
}
