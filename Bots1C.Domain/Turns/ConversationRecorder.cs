using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Turns;

/// <summary>
/// Turns inbound events into contacts, conversations and messages inside the caller's unit of work
/// (the caller commits them together with the inbox rows' new state, and may record many updates at once),
/// then lets the bot take its turn (<see cref="ConversationTurn"/>) on each message in the same unit of work.
/// </summary>
public class ConversationRecorder(TimeProvider clock, ConversationTurn turn, Counterparties.ContactLinker linker, Licensing.LicenseGuard license,
    Bots.BotCache bots, MessengerAgents agents, Operators.ReopenRouter reopening)
{
    /// <summary>The conversations met in one unit of work, by (bot, messenger user): many updates of one chat in a
    /// batch share one contact and conversation without asking the database (or EF's change tracker) again.</summary>
    public sealed class Session
    {
        internal Dictionary<(long BotId, string UserId), Conversation> Conversations { get; } = new();

        /// <summary>A scenario of this batch left an HTTP request for the call worker.</summary>
        public bool HasPendingCalls => Conversations.Values.Any(c => c.PendingCallJson is not null);
    }

    /// <summary>
    /// Looks up the contacts and conversations of a whole batch's senders in two queries, so recording does not ask once
    /// per chat: with a database server every question is a round trip, and a batch of 200 updates is often 200 chats
    /// (docs/benchmarks.md, PostgreSQL). Senders met for the first time are not found here; they are made when recorded.
    /// </summary>
    public async Task PreloadAsync(Bots1CDbContext db, Session session, IEnumerable<(long BotId, InboundEvent Event)> events, CancellationToken ct)
    {
        var senders = events.Where(p => p.Event.Sender is not null && p.Event.ChatId == p.Event.Sender.ExternalUserId)
            .Select(p => (p.BotId, UserId: p.Event.Sender!.ExternalUserId))
            .Where(k => !session.Conversations.ContainsKey(k)).ToHashSet();
        if (senders.Count == 0)
            return;
        var botIds = senders.Select(k => k.BotId).Distinct().ToList();
        var userIds = senders.Select(k => k.UserId).Distinct().ToList();
        var contacts = (await db.Contacts.Where(c => botIds.Contains(c.BotId) && userIds.Contains(c.ExternalUserId)).ToListAsync(ct))
            .Where(c => senders.Contains((c.BotId, c.ExternalUserId))).ToList();
        if (contacts.Count == 0)
            return;
        var contactIds = contacts.Select(c => c.Id).ToList();
        var conversations = (await db.Conversations.Where(c => botIds.Contains(c.BotId) && contactIds.Contains(c.ContactId)).ToListAsync(ct))
            .ToDictionary(c => (c.BotId, c.ContactId));
        foreach (var contact in contacts)
            if (conversations.TryGetValue((contact.BotId, contact.Id), out var conversation))
            {
                conversation.Contact = contact;
                session.Conversations[(contact.BotId, contact.ExternalUserId)] = conversation;
            }
    }

    public async Task<List<RecordedChange>> RecordAsync(Bots1CDbContext db, Session session, long botId,
        IReadOnlyList<InboundEvent> events, CancellationToken ct)
    {
        var changes = new List<RecordedChange>();
        foreach (var e in events)
        {
            if (e.Kind == InboundKind.DeliveryStatus)
            {
                if (await ApplyDeliveryAsync(db, botId, e.Delivery!, ct) is { } delivered)
                    changes.Add(new RecordedChange(botId, delivered.Conversation, delivered.Message, ConversationChange.DeliveryChanged));
                else if (clock.GetUtcNow() - e.OccurredAt < TimeSpan.FromMinutes(2))
                    // Viber can report "delivered" before our dispatcher has saved the message id it got back.
                    throw new RetryLaterException($"No sent message {e.Delivery!.ExternalMessageId} yet.");
                continue;
            }
            if (e.Kind == InboundKind.WebhookConfirmed || e.Sender is null)
                continue; // nothing said by anyone: the inbox row itself is the record
            if (e.ChatId != e.Sender.ExternalUserId)
            {
                // A group or channel the bot was added to: Bots1C serves one-to-one conversations only, but a
                // pressed button is still answered, or the customer's client keeps spinning.
                if (e.Kind == InboundKind.ButtonPress && e.CallbackId is not null)
                    Outbox.StageCallbackAnswer(db, botId, e.ChatId, e.CallbackId, clock.GetUtcNow());
                continue;
            }

            var conversation = await ConversationOfAsync(db, session, botId, e, ct);
            if (MessengerAgents.Handles(e.Kind))
            {
                // Not said by the customer: nothing for the bot to answer, nothing unread.
                changes.AddRange(await agents.RecordAsync(db, conversation, e, ct));
                continue;
            }
            var contact = conversation.Contact;
            var phoneBefore = contact.Phone;
            if (e.Kind is InboundKind.Text or InboundKind.File or InboundKind.ContactShared or InboundKind.ButtonPress or InboundKind.Edited)
                contact.IsBlocked = false; // whoever writes to the bot has not blocked it (Viber resubscribes silently)
            switch (e.Kind)
            {
                case InboundKind.Blocked:
                    contact.IsBlocked = true;
                    break;
                case InboundKind.Unblocked or InboundKind.ConversationStarted:
                    contact.IsBlocked = false;
                    break;
                case InboundKind.ContactShared when e.Contact is { IsOwn: true } shared:
                    contact.Phone = Scenarios.PhoneNormalizer.ToE164(shared.PhoneNumber) ?? shared.PhoneNumber;
                    contact.PhoneTyped = false; // the messenger vouches it is the customer's own
                    break;
            }
            var message = NewIncoming(conversation, e);
            db.Messages.Add(message);
            conversation.LastMessageAt = message.CreatedAt;
            changes.Add(new RecordedChange(botId, conversation, message, ConversationChange.MessageAdded));
            if (SaidByCustomer(e.Kind))
                changes.AddRange(await CountForOperatorsAsync(db, conversation, message, ct));

            if (e.Kind == InboundKind.ButtonPress && e.CallbackId is not null)
                Outbox.StageCallbackAnswer(db, botId, conversation.ChatId, e.CallbackId, clock.GetUtcNow());

            // A shared phone links the contact to its counterparty before the scenarios run, so a hand-over in this
            // same message already goes to its main manager; an e-mail or phone a scenario collects links in the turn.
            // Sharing one's own phone again counts too: the counterparty may have been added (or imported) since the first share.
            if (contact.Phone != phoneBefore || e.Kind == InboundKind.ContactShared && e.Contact is { IsOwn: true })
                await linker.TryAutoLinkAsync(db, contact, ct);
            // Not served under the license (e.g. a test license's fourth contact): the message is kept, the bot stays silent.
            if (await bots.FindByIdAsync(botId, ct) is { } bot && !await license.ServesAsync(db, bot, contact, ct))
                continue;
            changes.AddRange(await turn.AnswerAsync(db, conversation, e, ct));
        }
        return changes;
    }

    private static bool SaidByCustomer(InboundKind kind) =>
        kind is InboundKind.Text or InboundKind.File or InboundKind.ContactShared or InboundKind.ButtonPress or InboundKind.Edited;

    /// <summary>The operators' side of a customer's message: unread count, list preview, and a closed dialog reopens (with
    /// the bot, or back to the operator who closed it moments ago: <see cref="Operators.ReopenRouter"/>).</summary>
    private async Task<List<RecordedChange>> CountForOperatorsAsync(Bots1CDbContext db, Conversation conversation, Message message, CancellationToken ct)
    {
        conversation.UnreadCount++;
        conversation.LastMessagePreview = Conversation.PreviewOf(message.Text, message.FileName);
        var changes = new List<RecordedChange>();
        var reopened = await reopening.ReopenAsync(db, conversation, ct);
        changes.AddRange(reopened.Select(e => new RecordedChange(conversation.BotId, conversation, e, ConversationChange.MessageAdded)));
        if (reopened.Count > 0 && conversation.Mode == ConversationMode.WaitingForOperator)
            changes.Add(new RecordedChange(conversation.BotId, conversation, null, ConversationChange.WaitingStarted));
        changes.Add(new RecordedChange(conversation.BotId, conversation, null, ConversationChange.ConversationChanged));
        return changes;
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

    /// <summary>The conversation of the event's sender (created with its contact on their first update), with the
    /// messenger's latest profile applied.</summary>
    internal async Task<Conversation> ConversationOfAsync(Bots1CDbContext db, Session session, long botId, InboundEvent e, CancellationToken ct)
    {
        var sender = e.Sender!;
        var now = clock.GetUtcNow();
        if (!session.Conversations.TryGetValue((botId, sender.ExternalUserId), out var conversation))
        {
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.BotId == botId && c.ExternalUserId == sender.ExternalUserId, ct);
            if (contact is null)
            {
                contact = new Contact { BotId = botId, ExternalUserId = sender.ExternalUserId, CreatedAt = now };
                db.Contacts.Add(contact);
            }
            conversation = contact.Id == 0 ? null
                : await db.Conversations.FirstOrDefaultAsync(c => c.BotId == botId && c.ContactId == contact.Id, ct);
            if (conversation is null)
            {
                conversation = new Conversation { BotId = botId, ChatId = e.ChatId, CreatedAt = now, LastMessageAt = now };
                db.Conversations.Add(conversation);
            }
            conversation.Contact = contact;
            session.Conversations[(botId, sender.ExternalUserId)] = conversation;
        }

        // The messenger's profile is the freshest; keep what we learnt in conversations (phone, e-mail).
        var known = conversation.Contact;
        known.FirstName = sender.FirstName ?? known.FirstName;
        known.LastName = sender.LastName ?? known.LastName;
        known.Username = sender.Username ?? known.Username;
        known.LanguageCode = sender.LanguageCode ?? known.LanguageCode;
        known.UpdatedAt = now;
        conversation.ChatId = e.ChatId;
        return conversation;
    }

    private static async Task<(Conversation Conversation, Message Message)?> ApplyDeliveryAsync(
        Bots1CDbContext db, long botId, DeliveryReport report, CancellationToken ct)
    {
        var found = await (from m in db.Messages
                           join c in db.Conversations on m.ConversationId equals c.Id
                           where c.BotId == botId && m.ExternalMessageId == report.ExternalMessageId && m.Direction == MessageDirection.Outgoing
                           select new { Message = m, Conversation = c }).FirstOrDefaultAsync(ct);
        if (found is null)
            return null;
        // Reports can arrive out of order: "seen" must not fall back to "delivered", nor to "failed".
        var current = found.Message.DeliveryState;
        var movesForward = report.State == DeliveryState.Failed
            ? current is null or < DeliveryState.Delivered
            : current is null || current < report.State;
        if (movesForward)
        {
            found.Message.DeliveryState = report.State;
            found.Message.FailureReason = report.Reason ?? found.Message.FailureReason;
        }
        return (found.Conversation, found.Message);
    }
}
