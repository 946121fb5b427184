using System.Text.RegularExpressions;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Owners;

/// <summary>One owner type as the screens list it; <see cref="Name"/> is null for built-in ones (their names are translated).</summary>
public sealed record OwnerTypeView(string Key, string? Name, bool BuiltIn, int Owners);

public enum OwnerTypeRefusal
{
    None,
    NameRequired,
    NameTaken,
    InUse,
    NotFound,
}

/// <summary>The owner types: the four built-in ones and those an administrator adds (e.g. "Drivers").</summary>
public sealed partial class OwnerTypeCatalog(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<OwnerTypeView>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Owners.GroupBy(o => o.OwnerType).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var custom = await db.CustomOwnerTypes.OrderBy(t => t.Name).ToListAsync(ct);
        return OwnerTypes.BuiltIn.Select(k => new OwnerTypeView(k, null, true, counts.GetValueOrDefault(k)))
            .Concat(custom.Select(t => new OwnerTypeView(t.Key, t.Name, false, counts.GetValueOrDefault(t.Key))))
            .ToList();
    }

    /// <summary>Adds a type named as people will read it; its key is derived from the name.</summary>
    public async Task<(OwnerTypeRefusal Refusal, string? Key)> AddAsync(string name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return (OwnerTypeRefusal.NameRequired, null);
        var key = "Custom_" + NotKeyCharacters().Replace(name, "_");
        if (key.Length > 50)
            key = key[..50];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.CustomOwnerTypes.Select(t => new { t.Key, t.Name }).ToListAsync(ct);
        if (OwnerTypes.IsBuiltIn(name) || existing.Any(t => t.Key == key || string.Equals(t.Name, name, StringComparison.CurrentCultureIgnoreCase)))
            return (OwnerTypeRefusal.NameTaken, null);
        db.CustomOwnerTypes.Add(new CustomOwnerType { Key = key, Name = name, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return (OwnerTypeRefusal.None, key);
    }

    /// <summary>Only a custom type no owner record uses.</summary>
    public async Task<OwnerTypeRefusal> RemoveAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.CustomOwnerTypes.AnyAsync(t => t.Key == key, ct))
            return OwnerTypeRefusal.NotFound;
        if (await db.Owners.AnyAsync(o => o.OwnerType == key, ct))
            return OwnerTypeRefusal.InUse;
        await db.CustomOwnerTypes.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
        return OwnerTypeRefusal.None;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotKeyCharacters();
}
