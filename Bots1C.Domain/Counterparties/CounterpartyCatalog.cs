using Bots1C.Domain.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

public sealed record CounterpartyChange(Counterparty? Counterparty, IReadOnlyList<ValidationFailure> Errors, bool NotFound = false, bool Created = false);

public sealed record CounterpartyRow(long Id, string CounterpartyType, string Name, string? Inn, string? Kpp, string? MainManagerName, int Contacts,
    bool IsArchived, string? ExternalId);

/// <summary>Counterparty records: create, change, find, archive. Phones and e-mails are stored normalised, so linking by them is exact.</summary>
public sealed class CounterpartyCatalog(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<CounterpartyInput> validator, TimeProvider clock)
{
    public async Task<CounterpartyChange> CreateAsync(CounterpartyInput input, CancellationToken ct = default) => await SaveAsync(null, input, ct);

    public async Task<CounterpartyChange> UpdateAsync(long id, CounterpartyInput input, CancellationToken ct = default) => await SaveAsync(id, input, ct);

    /// <summary>By external id (1C's Ref_Key) when given, else by INN (and KPP): the API's and the import's upsert.</summary>
    public async Task<CounterpartyChange> UpsertAsync(CounterpartyInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await MatchOf(db, input).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        return await SaveAsync(existing, input, ct);
    }

    /// <summary>The counterparty an upsert (API, import) changes: the one with the external id (1C's Ref_Key) when given and
    /// found, else the one with the INN (and KPP, stored in upper case: "7736ab001" is the stored "7736AB001").</summary>
    public static IQueryable<Counterparty> MatchOf(Bots1CDbContext db, CounterpartyInput input)
    {
        var ofType = db.Counterparties.Where(o => o.CounterpartyType == input.CounterpartyType);
        var externalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim();
        var inn = string.IsNullOrWhiteSpace(input.Inn) ? null : input.Inn.Trim();
        var kpp = string.IsNullOrWhiteSpace(input.Kpp) ? null : input.Kpp.Trim().ToUpperInvariant();
        // External id first: ordering the matches puts it ahead of an INN match.
        return ofType.Where(o => (externalId != null && o.ExternalId == externalId)
                || (inn != null && o.Inn == inn && (kpp == null || o.Kpp == null || o.Kpp == kpp)))
            .OrderByDescending(o => externalId != null && o.ExternalId == externalId).ThenBy(o => o.Id);
    }

    public async Task<Counterparty?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Counterparties.AsNoTracking().Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>Name, INN, phone or e-mail holding <paramref name="search"/>; newest changes first. <paramref name="externalId"/>:
    /// only the record of that 1C object (its Ref_Key), so 1C finds "its" counterparty without knowing our id.</summary>
    public async Task<(IReadOnlyList<CounterpartyRow> Rows, int Total)> ListAsync(string? counterpartyType, string? search, bool includeArchived, int skip, int take,
        CancellationToken ct = default, string? externalId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Counterparties.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(externalId))
        {
            var wanted = externalId.Trim();
            query = query.Where(o => o.ExternalId == wanted);
        }
        if (!string.IsNullOrWhiteSpace(counterpartyType))
            query = query.Where(o => o.CounterpartyType == counterpartyType);
        if (!includeArchived)
            query = query.Where(o => !o.IsArchived);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var lowered = text.ToLowerInvariant();
            var phone = Scenarios.PhoneNormalizer.ToE164(text);
            query = query.Where(o => o.SearchName.Contains(lowered) || o.Inn == text
                || o.Emails.Any(e => e.Address == lowered) || (phone != null && o.Phones.Any(p => p.Number == phone)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(o => NameOrder.Key(o.Name)).ThenBy(o => o.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(o => new CounterpartyRow(o.Id, o.CounterpartyType, o.Name, o.Inn, o.Kpp,
                db.Users.Where(u => u.Id == o.MainManagerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Contacts.Count(c => c.CounterpartyId == o.Id), o.IsArchived, o.ExternalId))
            .ToListAsync(ct);
        return (rows, total);
    }

    public async Task<bool> SetArchivedAsync(long id, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Counterparties.Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, archived).SetProperty(o => o.UpdatedAt, clock.GetUtcNow()), ct) > 0;
    }

    private async Task<CounterpartyChange> SaveAsync(long? id, CounterpartyInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new(null, validation.Errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!CounterpartyTypes.IsBuiltIn(input.CounterpartyType) && !await db.CustomCounterpartyTypes.AnyAsync(t => t.Key == input.CounterpartyType, ct))
            return new(null, [new(nameof(CounterpartyInput.CounterpartyType), $"There is no counterparty type '{input.CounterpartyType}'.") { ErrorCode = "TypeUnknown" }]);
        if (input.MainManagerUserId is { Length: > 0 } manager && !await db.Users.AnyAsync(u => u.Id == manager, ct))
            return new(null, [new(nameof(CounterpartyInput.MainManagerUserId), "This user does not exist.") { ErrorCode = "ManagerUnknown" }]);

        var now = clock.GetUtcNow();
        Counterparty? counterparty;
        if (id is { } existing)
        {
            counterparty = await db.Counterparties.Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(o => o.Id == existing, ct);
            if (counterparty is null)
                return new(null, [], NotFound: true);
        }
        else
        {
            counterparty = new Counterparty { CreatedAt = now };
            db.Counterparties.Add(counterparty);
        }
        Apply(counterparty, input, now);
        await db.SaveChangesAsync(ct);
        return new(counterparty, [], Created: id is null);
    }

    /// <summary>Copies a validated input onto a tracked counterparty (phones and e-mails normalised).</summary>
    public static void Apply(Counterparty counterparty, CounterpartyInput input, DateTimeOffset now)
    {
        counterparty.CounterpartyType = input.CounterpartyType;
        counterparty.Name = input.Name.Trim();
        counterparty.SearchName = counterparty.Name.ToLowerInvariant();
        counterparty.Inn = Blank(input.Inn);
        counterparty.Kpp = Blank(input.Kpp)?.ToUpperInvariant();
        counterparty.MainManagerUserId = Blank(input.MainManagerUserId);
        counterparty.Notes = Blank(input.Notes);
        counterparty.ExternalId = Blank(input.ExternalId);
        counterparty.UpdatedAt = now;
        counterparty.Phones.Clear();
        counterparty.Phones.AddRange(NormalisedPhones(input.Phones).Select(n => new CounterpartyPhone { Number = n }));
        counterparty.Emails.Clear();
        counterparty.Emails.AddRange(NormalisedEmails(input.Emails).Select(a => new CounterpartyEmail { Address = a }));
    }

    public static IEnumerable<string> NormalisedPhones(IEnumerable<string>? phones) =>
        (phones ?? []).Select(p => Scenarios.PhoneNormalizer.ToE164(p)).OfType<string>().Distinct();

    public static IEnumerable<string> NormalisedEmails(IEnumerable<string>? emails) =>
        (emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(NormaliseEmail).Distinct();

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
