using Bots1C.Domain.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.PrintForms;

public sealed record PrintDocumentRow(long Id, DocumentKind Kind, string Number, DateOnly Date, long CounterpartyId, string CounterpartyName, decimal Total);

public sealed record PrintDocumentChange(PrintDocument? Document, IReadOnlyList<ValidationFailure> Errors, bool NotFound = false, bool Created = false);

/// <summary>The documents the app holds: list, read (with counterparty and lines), create, change, 1C's upsert.</summary>
public sealed class PrintDocuments(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<PrintDocumentInput> validator, TimeProvider clock)
{
    public async Task<IReadOnlyList<PrintDocumentRow>> ListAsync(long? counterpartyId = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.PrintDocuments.AsNoTracking().Include(d => d.Lines).Include(d => d.Counterparty).AsQueryable();
        if (counterpartyId is { } id)
            query = query.Where(d => d.CounterpartyId == id);
        var documents = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return documents.Select(d => new PrintDocumentRow(d.Id, d.Kind, d.Number, d.Date, d.CounterpartyId, d.Counterparty!.Name, d.Total)).ToList();
    }

    public async Task<PrintDocument?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Loaded(db).FirstOrDefaultAsync(d => d.Id == id, ct);
    }

    /// <summary>The counterparty's newest invoice (by date, then by when it was added).</summary>
    public static Task<PrintDocument?> LatestInvoiceAsync(Bots1CDbContext db, long counterpartyId, CancellationToken ct) =>
        Loaded(db).Where(d => d.CounterpartyId == counterpartyId && d.Kind == DocumentKind.Invoice)
            .OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    public static IQueryable<PrintDocument> Loaded(Bots1CDbContext db) =>
        db.PrintDocuments.AsNoTracking().Include(d => d.Counterparty).Include(d => d.Lines.OrderBy(l => l.Position));

    public Task<PrintDocumentChange> CreateAsync(PrintDocumentInput input, CancellationToken ct = default) => SaveAsync(null, input, ct);

    public Task<PrintDocumentChange> UpdateAsync(long id, PrintDocumentInput input, CancellationToken ct = default) => SaveAsync(id, input, ct);

    /// <summary>1C pushes the same document again when it changes: the external id finds it; without one, a new document.</summary>
    public async Task<PrintDocumentChange> UpsertAsync(PrintDocumentInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var externalId = input.ExternalId?.Trim();
        var existing = string.IsNullOrEmpty(externalId) ? null
            : await db.PrintDocuments.Where(d => d.ExternalId == externalId).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        return await SaveAsync(existing, input, ct);
    }

    private async Task<PrintDocumentChange> SaveAsync(long? id, PrintDocumentInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new PrintDocumentChange(null, validation.Errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Counterparties.AnyAsync(o => o.Id == input.CounterpartyId, ct))
            return new PrintDocumentChange(null, [new ValidationFailure(nameof(input.CounterpartyId), $"Counterparty {input.CounterpartyId} does not exist.") { ErrorCode = "CounterpartyUnknown" }]);
        var now = clock.GetUtcNow();
        PrintDocument document;
        if (id is { } existing)
        {
            var found = await db.PrintDocuments.Include(d => d.Lines).FirstOrDefaultAsync(d => d.Id == existing, ct);
            if (found is null)
                return new PrintDocumentChange(null, [], NotFound: true);
            document = found;
            db.RemoveRange(document.Lines);
            document.Lines = [];
        }
        else
        {
            document = new PrintDocument { CreatedAt = now };
            db.PrintDocuments.Add(document);
        }
        document.Kind = input.Kind;
        document.Number = input.Number!.Trim();
        document.Date = input.Date;
        document.CounterpartyId = input.CounterpartyId;
        document.Contract = string.IsNullOrWhiteSpace(input.Contract) ? null : input.Contract.Trim();
        document.ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? document.ExternalId : input.ExternalId.Trim();
        document.Currency = PrintDocument.Rub;
        document.UpdatedAt = now;
        document.Lines = input.Lines.Select((l, i) => new PrintDocumentLine
        {
            Position = i + 1, Name = l.Name!.Trim(), Quantity = l.Quantity, Unit = string.IsNullOrWhiteSpace(l.Unit) ? "" : l.Unit.Trim(),
            Price = l.Price, VatRate = l.VatRate,
        }).ToList();
        await db.SaveChangesAsync(ct);
        return new PrintDocumentChange(await GetAsync(document.Id, ct), [], Created: id is null);
    }
}
