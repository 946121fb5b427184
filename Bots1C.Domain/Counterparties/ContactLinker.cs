using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

public enum LinkOutcome
{
    Linked,
    /// <summary>Two or more counterparties have this phone or e-mail: a person must choose (the contact is flagged).</summary>
    NeedsPerson,
    NoMatch,
    AlreadyLinked,
}

/// <summary>
/// Links contacts to counterparty records: automatically when a contact shares its own phone or gives an e-mail that exactly
/// one counterparty has, or by hand. Every change is kept (<see cref="ContactLinkChange"/>) and written to the event log; an
/// automatic link can be undone.
/// </summary>
public sealed class ContactLinker(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock, Sync.ODataLookup lookup)
{
    /// <summary>Inside the caller's unit of work (the message processor's): links an unlinked contact by its phone and
    /// e-mail, or flags it when several counterparties match.</summary>
    public async Task<LinkOutcome> TryAutoLinkAsync(Bots1CDbContext db, Contact contact, CancellationToken ct)
    {
        if (contact.CounterpartyId is not null)
            return LinkOutcome.AlreadyLinked;
        var phone = contact.Phone;
        var email = string.IsNullOrWhiteSpace(contact.Email) ? null : CounterpartyCatalog.NormaliseEmail(contact.Email);
        if (phone is null && email is null)
            return LinkOutcome.NoMatch;
        var counterparties = await MatchesAsync(db, phone, email, ct);
        // Not in the synced copy: it may have been created in 1C since the last sync (the lookup stores it if so).
        if (counterparties.Count == 0 && await lookup.FindAsync(phone, email, ct))
            counterparties = await MatchesAsync(db, phone, email, ct);
        var now = clock.GetUtcNow();
        switch (counterparties.Count)
        {
            case 0:
                return LinkOutcome.NoMatch;
            case > 1:
                if (!contact.NeedsPerson)
                {
                    contact.NeedsPerson = true;
                    db.Events.Add(Entry(EventLevel.Warning, "ContactNeedsPerson",
                        $"Contact {contact.DisplayName} matches several counterparties by {Evidence(phone, email)}: choose one by hand.", contact, null, now));
                }
                return LinkOutcome.NeedsPerson;
        }
        var counterparty = counterparties[0];
        // A person took this very link back: repeating the same evidence must not make it again.
        if (contact.Id != 0 && await db.ContactLinkChanges.AnyAsync(c => c.ContactId == contact.Id && c.NewCounterpartyId == counterparty.Id && c.Automatic
                && c.UndoneAt != null, ct))
            return LinkOutcome.NoMatch;
        var reason = Evidence(phone, email);
        contact.CounterpartyId = counterparty.Id;
        contact.NeedsPerson = false;
        // Tied to the entity, not its id: a contact created in this same unit of work has no id yet.
        db.ContactLinkChanges.Add(new ContactLinkChange { Contact = contact, NewCounterpartyId = counterparty.Id, Automatic = true, Reason = reason, At = now });
        db.Events.Add(Entry(EventLevel.Information, "ContactLinkedAutomatically",
            $"Contact {contact.DisplayName} linked to {counterparty.Name} by {reason}.", contact, null, now));
        return LinkOutcome.Linked;
    }

    private static Task<List<Match>> MatchesAsync(Bots1CDbContext db, string? phone, string? email, CancellationToken ct) =>
        db.Counterparties.Where(o => !o.IsArchived
                && ((phone != null && o.Phones.Any(p => p.Number == phone)) || (email != null && o.Emails.Any(e => e.Address == email))))
            .Select(o => new Match(o.Id, o.Name)).Take(2).ToListAsync(ct);

    private sealed record Match(long Id, string Name);

    /// <summary>A person links (or, with null, unlinks) a contact.</summary>
    public async Task<bool> LinkAsync(long contactId, long? counterpartyId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null || counterpartyId is { } id && !await db.Counterparties.AnyAsync(o => o.Id == id, ct))
            return false;
        var now = clock.GetUtcNow();
        db.ContactLinkChanges.Add(new ContactLinkChange
        {
            ContactId = contactId, PreviousCounterpartyId = contact.CounterpartyId, NewCounterpartyId = counterpartyId, Automatic = false, Reason = "by hand",
            Actor = actor, At = now,
        });
        var counterpartyName = counterpartyId is { } o ? await db.Counterparties.Where(x => x.Id == o).Select(x => x.Name).FirstAsync(ct) : null;
        contact.CounterpartyId = counterpartyId;
        contact.NeedsPerson = false;
        db.Events.Add(Entry(EventLevel.Information, counterpartyId is null ? "ContactUnlinked" : "ContactLinked",
            counterpartyId is null ? $"Contact {contact.DisplayName} unlinked." : $"Contact {contact.DisplayName} linked to {counterpartyName}.", contact, actor, now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Takes an automatic link back: the contact returns to its previous counterparty (none), unless someone has
    /// changed the link since.</summary>
    public async Task<bool> UndoAsync(long changeId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var change = await db.ContactLinkChanges.FirstOrDefaultAsync(c => c.Id == changeId && c.UndoneAt == null, ct);
        if (change is null)
            return false;
        var contact = await db.Contacts.FirstAsync(c => c.Id == change.ContactId, ct);
        if (contact.CounterpartyId != change.NewCounterpartyId)
            return false;
        var now = clock.GetUtcNow();
        contact.CounterpartyId = change.PreviousCounterpartyId;
        change.UndoneAt = now;
        db.Events.Add(Entry(EventLevel.Information, "ContactLinkUndone", $"Link of contact {contact.DisplayName} ({change.Reason}) undone.",
            contact, actor, now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Evidence(string? phone, string? email) =>
        string.Join(", ", new[] { phone is null ? null : $"phone {phone}", email is null ? null : $"e-mail {email}" }.OfType<string>());

    private static EventLogEntry Entry(EventLevel level, string code, string message, Contact contact, string? actor, DateTimeOffset now) => new()
    {
        At = now, Level = level, Source = EventSources.Directory, Code = code, Message = message,
        Subject = $"contact {contact.ExternalUserId} of bot {contact.BotId}", Actor = actor,
    };
}
