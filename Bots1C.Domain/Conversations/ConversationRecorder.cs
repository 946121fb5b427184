using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// Turns inbound events into contacts, conversations and messages inside the caller's unit of work
/// (the caller commits them together with the inbox row's new state).
/// </summary>
public class ConversationRecorder(TimeProvider clock)
{
    public async Task<List<ConversationEvent>> RecordAsync(Bots1CDbContext db, long botId, IReadOnlyList<InboundEvent> events, CancellationToken ct)
    {
        var changes = new List<(Conversation Conversation, Message? Message, ConversationChange Change)>();
        foreach (var e in events)
        {
            if (e.Kind == InboundKind.DeliveryStatus)
            {
                if (await ApplyDeliveryAsync(db, botId, e.Delivery!, ct) is { } delivered)
                    changes.Add(delivered);
                continue;
            }
            if (e.Kind == InboundKind.WebhookConfirmed || e.Sender is null)
                continue; // nothing said by anyone: the inbox row itself is the record

            var conversation = await ConversationOfAsync(db, botId, e, ct);
            var contact = conversation.Contact;
            switch (e.Kind)
            {
                case InboundKind.Blocked:
                    contact.IsBlocked = true;
                    break;
                case InboundKind.Unblocked:
                case InboundKind.ConversationStarted:
                    contact.IsBlocked = false;
                    break;
                case InboundKind.ContactShared when e.Contact is { IsOwn: true } shared:
                    contact.Phone = shared.PhoneNumber;
                    break;
            }
            var message = NewIncoming(conversation, e);
            db.Messages.Add(message);
            conversation.LastMessageAt = message.CreatedAt;
            changes.Add((conversation, message, ConversationChange.MessageAdded));

            if (e.Kind == InboundKind.ButtonPress && e.CallbackId is not null)
                db.Outbox.Add(new OutboxItem
                {
                    BotId = botId, ChatId = conversation.ChatId, Kind = OutboxKind.CallbackAnswer, CallbackId = e.CallbackId,
                    NextAttemptAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow(),
                });
        }
        await db.SaveChangesAsync(ct);
        return changes.Select(c => new ConversationEvent(botId, c.Conversation.Id, c.Message?.Id, c.Change)).ToList();
    }

    private Message NewIncoming(Conversation conversation, InboundEvent e) => new()
    {
        Conversation = conversation,
        Direction = MessageDirection.Incoming,
        Kind = e.Kind switch
        {
            InboundKind.Text => MessageKind.Text,
            InboundKind.File => MessageKind.File,
            InboundKind.ContactShared => MessageKind.ContactShared,
            InboundKind.ButtonPress => MessageKind.ButtonPress,
            InboundKind.Edited => MessageKind.Edited,
            _ => MessageKind.Service,
        },
        Text = e.Kind switch
        {
            InboundKind.ContactShared => e.Contact?.PhoneNumber,
            InboundKind.Blocked or InboundKind.Unblocked or InboundKind.ConversationStarted => e.Kind.ToString(),
            InboundKind.Service => e.ServiceName,
            _ => e.Text,
        },
        ExternalMessageId = e.ExternalMessageId,
        FileId = e.File?.FileId,
        FileName = e.File?.FileName,
        MimeType = e.File?.MimeType,
        FileSize = e.File?.Size,
        ButtonData = e.ButtonData,
        CreatedAt = clock.GetUtcNow(),
        MessengerAt = e.OccurredAt,
    };

    private async Task<Conversation> ConversationOfAsync(Bots1CDbContext db, long botId, InboundEvent e, CancellationToken ct)
    {
        var sender = e.Sender!;
        var now = clock.GetUtcNow();
        var contact = db.Contacts.Local.FirstOrDefault(c => c.BotId == botId && c.ExternalUserId == sender.ExternalUserId)
            ?? await db.Contacts.FirstOrDefaultAsync(c => c.BotId == botId && c.ExternalUserId == sender.ExternalUserId, ct);
        if (contact is null)
        {
            contact = new Contact { BotId = botId, ExternalUserId = sender.ExternalUserId, CreatedAt = now };
            db.Contacts.Add(contact);
        }
        // The messenger's profile is the freshest; keep what we learnt in conversations (phone, e-mail).
        contact.FirstName = sender.FirstName ?? contact.FirstName;
        contact.LastName = sender.LastName ?? contact.LastName;
        contact.Username = sender.Username ?? contact.Username;
        contact.LanguageCode = sender.LanguageCode ?? contact.LanguageCode;
        contact.UpdatedAt = now;

        var conversation = contact.Id == 0
            ? db.Conversations.Local.FirstOrDefault(c => c.Contact == contact)
            : db.Conversations.Local.FirstOrDefault(c => c.ContactId == contact.Id)
              ?? await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.BotId == botId && c.ContactId == contact.Id, ct);
        if (conversation is null)
        {
            conversation = new Conversation { BotId = botId, Contact = contact, ChatId = e.ChatId, CreatedAt = now, LastMessageAt = now };
            db.Conversations.Add(conversation);
        }
        conversation.ChatId = e.ChatId;
        return conversation;
    }

    private static async Task<(Conversation, Message?, ConversationChange)?> ApplyDeliveryAsync(
        Bots1CDbContext db, long botId, DeliveryReport report, CancellationToken ct)
    {
        var found = await (from m in db.Messages
                           join c in db.Conversations on m.ConversationId equals c.Id
                           where c.BotId == botId && m.ExternalMessageId == report.ExternalMessageId && m.Direction == MessageDirection.Outgoing
                           select new { Message = m, Conversation = c }).FirstOrDefaultAsync(ct);
        if (found is null)
            return null;
        // Reports can arrive out of order: "seen" must not fall back to "delivered".
        if (report.State == DeliveryState.Failed || found.Message.DeliveryState is null || found.Message.DeliveryState < report.State)
        {
            found.Message.DeliveryState = report.State;
            found.Message.FailureReason = report.Reason ?? found.Message.FailureReason;
        }
        return (found.Conversation, found.Message, ConversationChange.DeliveryChanged);
    }
}
