using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

/// <summary>What the contacts list can be narrowed to; null means "any".</summary>
public sealed record ContactFilter(long? BotId = null, Messenger? Messenger = null, bool? Linked = null, bool? Blocked = null,
    bool? NeedsPerson = null, string? Search = null);

public sealed record ContactRow(long Id, string DisplayName, string? Username, string? Phone, string? Email, long BotId, string BotName,
    Messenger Messenger, long? CounterpartyId, string? CounterpartyName, bool IsBlocked, bool NeedsPerson, long? ConversationId,
    bool PhoneTyped = false);

public sealed record ContactCard(Contact Contact, string BotName, Messenger Messenger, Counterparty? Counterparty, long? ConversationId);

/// <summary>One change of a contact's counterparty, with the counterparties' names, for the contact's card.</summary>
public sealed record ContactLinkEntry(long Id, long? PreviousCounterpartyId, string? PreviousCounterpartyName, long? NewCounterpartyId, string? NewCounterpartyName,
    bool Automatic, string Reason, string? Actor, DateTimeOffset At, DateTimeOffset? UndoneAt);

/// <summary>The read side of the directory's contacts: the list with its filters, one contact's card, its link history.</summary>
public sealed class ContactList(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<ContactRow> Rows, int Total)> ListAsync(ContactFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Contacts.AsNoTracking().AsQueryable();
        if (filter.BotId is { } botId)
            query = query.Where(c => c.BotId == botId);
        if (filter.Messenger is { } messenger)
            query = query.Where(c => db.Bots.Any(b => b.Id == c.BotId && b.Messenger == messenger));
        if (filter.Linked is { } linked)
            query = linked ? query.Where(c => c.CounterpartyId != null) : query.Where(c => c.CounterpartyId == null);
        if (filter.Blocked is { } blocked)
            query = query.Where(c => c.IsBlocked == blocked);
        if (filter.NeedsPerson is { } needs)
            query = query.Where(c => c.NeedsPerson == needs);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(c => c.SearchText.Contains(text));
        }
        var total = await query.CountAsync(ct);
        var rows = await (
                from c in query
                join b in db.Bots on c.BotId equals b.Id
                orderby c.UpdatedAt descending, c.Id descending
                select new
                {
                    Contact = c, BotName = b.Name, b.Messenger, CounterpartyName = c.Counterparty == null ? null : c.Counterparty.Name,
                    ConversationId = db.Conversations.Where(v => v.ContactId == c.Id).OrderByDescending(v => v.Id).Select(v => (long?)v.Id).FirstOrDefault(),
                })
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return (rows.Select(r => new ContactRow(r.Contact.Id, r.Contact.DisplayName, r.Contact.Username, r.Contact.Phone, r.Contact.Email,
            r.Contact.BotId, r.BotName, r.Messenger, r.Contact.CounterpartyId, r.CounterpartyName, r.Contact.IsBlocked, r.Contact.NeedsPerson, r.ConversationId,
            r.Contact.PhoneTyped)).ToList(), total);
    }

    public async Task<ContactCard?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (
                from c in db.Contacts.AsNoTracking().Include(c => c.Counterparty)
                join b in db.Bots on c.BotId equals b.Id
                where c.Id == id
                select new
                {
                    Contact = c, BotName = b.Name, b.Messenger,
                    ConversationId = db.Conversations.Where(v => v.ContactId == c.Id).OrderByDescending(v => v.Id).Select(v => (long?)v.Id).FirstOrDefault(),
                })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new ContactCard(row.Contact, row.BotName, row.Messenger, row.Contact.Counterparty, row.ConversationId);
    }

    /// <summary>The built-in counterparty types (name null: the page translates them) and then the custom ones.</summary>
    public async Task<IReadOnlyList<(string Key, string? Name)>> CounterpartyTypeChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var custom = await db.CustomCounterpartyTypes.AsNoTracking().OrderBy(t => NameOrder.Key(t.Name)).Select(t => new { t.Key, t.Name }).ToListAsync(ct);
        return [.. CounterpartyTypes.BuiltIn.Select(k => (k, (string?)null)), .. custom.Select(t => (t.Key, (string?)t.Name))];
    }

    /// <summary>The contact's link changes, newest first.</summary>
    public async Task<IReadOnlyList<ContactLinkEntry>> LinkHistoryAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ContactLinkChanges.AsNoTracking().Where(c => c.ContactId == contactId).OrderByDescending(c => c.Id)
            .Select(c => new ContactLinkEntry(c.Id, c.PreviousCounterpartyId, db.Counterparties.Where(o => o.Id == c.PreviousCounterpartyId).Select(o => o.Name).FirstOrDefault(),
                c.NewCounterpartyId, db.Counterparties.Where(o => o.Id == c.NewCounterpartyId).Select(o => o.Name).FirstOrDefault(),
                c.Automatic, c.Reason, c.Actor, c.At, c.UndoneAt))
            .ToListAsync(ct);
    }
}
