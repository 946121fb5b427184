using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Operators;

/// <summary>
/// Decides who gets a dialog a scenario just handed over: the main manager of the contact's counterparty when they can
/// work in the messenger and are online right now; otherwise nobody yet, and it waits for the first operator to take it.
/// </summary>
public sealed class HandOverRouter(OperatorPresence presence, TimeProvider clock)
{
    /// <summary>Inside the caller's unit of work; returns the assignment event it added, if any.</summary>
    public async Task<Message?> RouteAsync(Bots1CDbContext db, Conversation conversation, CancellationToken ct)
    {
        if (!ConversationStates.IsRoutable(conversation))
            return null;
        var counterpartyId = conversation.Contact?.CounterpartyId
            ?? await db.Contacts.Where(c => c.Id == conversation.ContactId).Select(c => c.CounterpartyId).FirstOrDefaultAsync(ct);
        if (counterpartyId is null)
            return null;
        var now = clock.GetUtcNow();
        var manager = await (
                from o in db.Counterparties
                join u in db.ActiveOperators(now) on o.MainManagerUserId equals u.Id
                where o.Id == counterpartyId
                select new { u.Id, u.DisplayName, Counterparty = o.Name })
            .FirstOrDefaultAsync(ct);
        if (manager is null || !presence.IsOnline(manager.Id))
            return null;

        ConversationStates.Route(conversation, manager.Id, now);
        return ConversationControl.AddEvent(db, conversation, ConversationEventCodes.AssignedToMainManager, null, $"{manager.DisplayName} ({manager.Counterparty})", now);
    }
}
