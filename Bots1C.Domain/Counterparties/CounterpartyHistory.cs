using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

/// <summary>One message of a counterparty's history, with where it was said.</summary>
public sealed record CounterpartyHistoryItem(Message Message, long ContactId, string ContactName, long BotId, string BotName, Messenger Messenger);

/// <summary>
/// The original's "message history" command: what all of a counterparty's contacts said and were told, across all bots,
/// merged by time, newest first, a page at a time (never the whole history). Operators' notes and the dialogs' own
/// events stay out: this is the conversation with the customer.
/// </summary>
public sealed class CounterpartyHistory(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public const int MaxTake = 200;

    /// <summary>Messages older than <paramref name="beforeId"/> (ids grow with time), newest first, and whether more remain.</summary>
    public async Task<(IReadOnlyList<CounterpartyHistoryItem> Items, bool HasMore)> PageAsync(long counterpartyId, long? beforeId, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxTake);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query =
            from m in db.Messages.AsNoTracking()
            join c in db.Conversations on m.ConversationId equals c.Id
            join k in db.Contacts on c.ContactId equals k.Id
            join b in db.Bots on c.BotId equals b.Id
            where k.CounterpartyId == counterpartyId && m.Direction != MessageDirection.Internal && (beforeId == null || m.Id < beforeId)
            orderby m.Id descending
            select new { Message = m, ContactId = k.Id, k.FirstName, k.LastName, k.Username, k.ExternalUserId, BotId = b.Id, BotName = b.Name, b.Messenger };
        var rows = await query.Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(r => new CounterpartyHistoryItem(r.Message, r.ContactId,
            new Contact { FirstName = r.FirstName, LastName = r.LastName, Username = r.Username, ExternalUserId = r.ExternalUserId }.DisplayName,
            r.BotId, r.BotName, r.Messenger)).ToList();
        return (items, rows.Count > take);
    }

    /// <summary>The counterparty's contacts with their dialogs, for its card and the API.</summary>
    public async Task<IReadOnlyList<CounterpartyContact>> ContactsAsync(long counterpartyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from k in db.Contacts.AsNoTracking()
                join b in db.Bots on k.BotId equals b.Id
                where k.CounterpartyId == counterpartyId
                select new
                {
                    Contact = k, BotName = b.Name, b.Messenger,
                    ConversationId = db.Conversations.Where(c => c.ContactId == k.Id).Select(c => (long?)c.Id).FirstOrDefault(),
                })
            .ToListAsync(ct);
        return rows.Select(r => new CounterpartyContact(r.Contact, r.BotName, r.Messenger, r.ConversationId))
            .OrderBy(r => r.Contact.DisplayName, NameOrder.Comparer).ToList();
    }
}

public sealed record CounterpartyContact(Contact Contact, string BotName, Messenger Messenger, long? ConversationId);
