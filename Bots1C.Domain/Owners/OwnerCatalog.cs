using Bots1C.Domain.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Owners;

public sealed record OwnerChange(Owner? Owner, IReadOnlyList<ValidationFailure> Errors, bool NotFound = false, bool Created = false);

public sealed record OwnerRow(long Id, string OwnerType, string Name, string? Inn, string? Kpp, string? MainManagerName, int Contacts,
    bool IsArchived, string? ExternalId);

/// <summary>Owner records: create, change, find, archive. Phones and e-mails are stored normalised, so linking by them is exact.</summary>
public sealed class OwnerCatalog(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<OwnerInput> validator, TimeProvider clock)
{
    public async Task<OwnerChange> CreateAsync(OwnerInput input, CancellationToken ct = default) => await SaveAsync(null, input, ct);

    public async Task<OwnerChange> UpdateAsync(long id, OwnerInput input, CancellationToken ct = default) => await SaveAsync(id, input, ct);

    /// <summary>By external id (1C's Ref_Key) when given, else by INN (and KPP): the API's and the import's upsert.</summary>
    public async Task<OwnerChange> UpsertAsync(OwnerInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await MatchOf(db, input).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        return await SaveAsync(existing, input, ct);
    }

    /// <summary>The owner an upsert (API, import) changes: the one with the external id (1C's Ref_Key) when given and
    /// found, else the one with the INN (and KPP, stored in upper case: "7736ab001" is the stored "7736AB001").</summary>
    public static IQueryable<Owner> MatchOf(Bots1CDbContext db, OwnerInput input)
    {
        var ofType = db.Owners.Where(o => o.OwnerType == input.OwnerType);
        var externalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim();
        var inn = string.IsNullOrWhiteSpace(input.Inn) ? null : input.Inn.Trim();
        var kpp = string.IsNullOrWhiteSpace(input.Kpp) ? null : input.Kpp.Trim().ToUpperInvariant();
        // External id first: ordering the matches puts it ahead of an INN match.
        return ofType.Where(o => (externalId != null && o.ExternalId == externalId)
                || (inn != null && o.Inn == inn && (kpp == null || o.Kpp == null || o.Kpp == kpp)))
            .OrderByDescending(o => externalId != null && o.ExternalId == externalId).ThenBy(o => o.Id);
    }

    public async Task<Owner?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Owners.AsNoTracking().Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>Name, INN, phone or e-mail holding <paramref name="search"/>; newest changes first.</summary>
    public async Task<(IReadOnlyList<OwnerRow> Rows, int Total)> ListAsync(string? ownerType, string? search, bool includeArchived, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Owners.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(ownerType))
            query = query.Where(o => o.OwnerType == ownerType);
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
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(o => new OwnerRow(o.Id, o.OwnerType, o.Name, o.Inn, o.Kpp,
                db.Users.Where(u => u.Id == o.MainManagerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Contacts.Count(c => c.OwnerId == o.Id), o.IsArchived, o.ExternalId))
            .ToListAsync(ct);
        return (rows, total);
    }

    public async Task<bool> SetArchivedAsync(long id, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Owners.Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, archived).SetProperty(o => o.UpdatedAt, clock.GetUtcNow()), ct) > 0;
    }

    private async Task<OwnerChange> SaveAsync(long? id, OwnerInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new(null, validation.Errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!OwnerTypes.IsBuiltIn(input.OwnerType) && !await db.CustomOwnerTypes.AnyAsync(t => t.Key == input.OwnerType, ct))
            return new(null, [new(nameof(OwnerInput.OwnerType), $"There is no owner type '{input.OwnerType}'.") { ErrorCode = "TypeUnknown" }]);
        if (input.MainManagerUserId is { Length: > 0 } manager && !await db.Users.AnyAsync(u => u.Id == manager, ct))
            return new(null, [new(nameof(OwnerInput.MainManagerUserId), "This user does not exist.") { ErrorCode = "ManagerUnknown" }]);

        var now = clock.GetUtcNow();
        Owner? owner;
        if (id is { } existing)
        {
            owner = await db.Owners.Include(o => o.Phones).Include(o => o.Emails).FirstOrDefaultAsync(o => o.Id == existing, ct);
            if (owner is null)
                return new(null, [], NotFound: true);
        }
        else
        {
            owner = new Owner { CreatedAt = now };
            db.Owners.Add(owner);
        }
        Apply(owner, input, now);
        await db.SaveChangesAsync(ct);
        return new(owner, [], Created: id is null);
    }

    /// <summary>Copies a validated input onto a tracked owner (phones and e-mails normalised).</summary>
    public static void Apply(Owner owner, OwnerInput input, DateTimeOffset now)
    {
        owner.OwnerType = input.OwnerType;
        owner.Name = input.Name.Trim();
        owner.SearchName = owner.Name.ToLowerInvariant();
        owner.Inn = Blank(input.Inn);
        owner.Kpp = Blank(input.Kpp)?.ToUpperInvariant();
        owner.MainManagerUserId = Blank(input.MainManagerUserId);
        owner.Notes = Blank(input.Notes);
        owner.ExternalId = Blank(input.ExternalId);
        owner.UpdatedAt = now;
        owner.Phones.Clear();
        owner.Phones.AddRange(NormalisedPhones(input.Phones).Select(n => new OwnerPhone { Number = n }));
        owner.Emails.Clear();
        owner.Emails.AddRange(NormalisedEmails(input.Emails).Select(a => new OwnerEmail { Address = a }));
    }

    public static IEnumerable<string> NormalisedPhones(IEnumerable<string>? phones) =>
        (phones ?? []).Select(p => Scenarios.PhoneNormalizer.ToE164(p)).OfType<string>().Distinct();

    public static IEnumerable<string> NormalisedEmails(IEnumerable<string>? emails) =>
        (emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(NormaliseEmail).Distinct();

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
