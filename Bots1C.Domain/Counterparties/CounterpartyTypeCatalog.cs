using System.Text.RegularExpressions;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Counterparties;

/// <summary>One counterparty type as the screens list it; <see cref="Name"/> is null for built-in ones (their names are translated).</summary>
public sealed record CounterpartyTypeView(string Key, string? Name, bool BuiltIn, int Counterparties);

public enum CounterpartyTypeRefusal
{
    None,
    NameRequired,
    NameTaken,
    InUse,
    NotFound,
}

/// <summary>The counterparty types: the four built-in ones and those an administrator adds (e.g. "Drivers").</summary>
public sealed partial class CounterpartyTypeCatalog(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<CounterpartyTypeView>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Counterparties.GroupBy(o => o.CounterpartyType).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var custom = await db.CustomCounterpartyTypes.OrderBy(t => NameOrder.Key(t.Name)).ToListAsync(ct);
        return CounterpartyTypes.BuiltIn.Select(k => new CounterpartyTypeView(k, null, true, counts.GetValueOrDefault(k)))
            .Concat(custom.Select(t => new CounterpartyTypeView(t.Key, t.Name, false, counts.GetValueOrDefault(t.Key))))
            .ToList();
    }

    /// <summary>Adds a type named as people will read it; its key is derived from the name.</summary>
    public async Task<(CounterpartyTypeRefusal Refusal, string? Key)> AddAsync(string name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return (CounterpartyTypeRefusal.NameRequired, null);
        var key = "Custom_" + NotKeyCharacters().Replace(name, "_");
        if (key.Length > 50)
            key = key[..50];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.CustomCounterpartyTypes.Select(t => new { t.Key, t.Name }).ToListAsync(ct);
        if (CounterpartyTypes.IsBuiltIn(name) || existing.Any(t => t.Key == key || string.Equals(t.Name, name, StringComparison.CurrentCultureIgnoreCase)))
            return (CounterpartyTypeRefusal.NameTaken, null);
        db.CustomCounterpartyTypes.Add(new CustomCounterpartyType { Key = key, Name = name, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return (CounterpartyTypeRefusal.None, key);
    }

    /// <summary>Only a custom type no counterparty record uses.</summary>
    public async Task<CounterpartyTypeRefusal> RemoveAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.CustomCounterpartyTypes.AnyAsync(t => t.Key == key, ct))
            return CounterpartyTypeRefusal.NotFound;
        if (await db.Counterparties.AnyAsync(o => o.CounterpartyType == key, ct))
            return CounterpartyTypeRefusal.InUse;
        await db.CustomCounterpartyTypes.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
        return CounterpartyTypeRefusal.None;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotKeyCharacters();
}
