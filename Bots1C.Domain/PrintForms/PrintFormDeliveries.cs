using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.PrintForms;

/// <summary>Where a delivery is: waiting in the outbox, accepted by the messenger, or refused (with the reason).</summary>
public enum PrintFormDeliveryState { Queued, Sent, Failed }

public sealed record PrintFormDeliveryRow(long Id, long CounterpartyId, string CounterpartyName, long ContactId, string ContactName, string? Form,
    long? DocumentId, string FileName, long MessageId, long ConversationId, PrintFormDeliveryState State, DeliveryState MessageState,
    string? FailureReason, string Author, DateTimeOffset CreatedAt);

/// <summary>The history of sent print forms, newest first, with each one's state read from its message.</summary>
public sealed class PrintFormDeliveries(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PrintFormDeliveryRow>> ListAsync(long? counterpartyId = null, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.PrintFormDeliveries.AsNoTracking();
        if (counterpartyId is { } id)
            query = query.Where(d => d.CounterpartyId == id);
        return await Rows(db, query.OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 500))).ToListAsync(ct);
    }

    public async Task<PrintFormDeliveryRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.PrintFormDeliveries.AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<PrintFormDeliveryRow> Rows(Bots1CDbContext db, IQueryable<PrintFormDelivery> deliveries) =>
        from d in deliveries
        join m in db.Messages on d.MessageId equals m.Id
        join o in db.Counterparties on d.CounterpartyId equals o.Id
        join c in db.Contacts on d.ContactId equals c.Id
        select new PrintFormDeliveryRow(d.Id, d.CounterpartyId, o.Name, d.ContactId,
            (c.FirstName ?? "") + (c.LastName != null ? " " + c.LastName : "") + (c.FirstName == null && c.LastName == null ? c.Username ?? c.ExternalUserId : ""),
            d.Form, d.DocumentId, d.FileName, d.MessageId, m.ConversationId,
            m.DeliveryState == DeliveryState.Failed ? PrintFormDeliveryState.Failed
                : m.DeliveryState == DeliveryState.Queued ? PrintFormDeliveryState.Queued : PrintFormDeliveryState.Sent,
            m.DeliveryState ?? DeliveryState.Queued, m.FailureReason, d.Author, d.CreatedAt);
}
