using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.ApiKeys;

/// <summary>Creates, revokes and checks REST API keys.</summary>
public class ApiKeyStore(IDbContextFactory<Bots1CDbContext> dbFactory, EventJournal journal, TimeProvider clock)
{
    private const string KeyPrefix = "b1c_";
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /// <summary>Recording every use would turn each API read into a write; once a minute is enough to see a key is alive.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => NameOrder.Key(k.Name)).ToListAsync(ct))
            .Select(ApiKeyView.From).ToList();
    }

    /// <summary>Returns the new key in clear: the only time anyone sees it.</summary>
    public async Task<(string Key, ApiKeyView View)> CreateAsync(string name, string actor, string? givenKey = null, CancellationToken ct = default)
    {
        var key = givenKey ?? KeyPrefix + RandomNumberGenerator.GetString(UrlSafe, 40);
        var apiKey = new ApiKey
        {
            Name = string.IsNullOrWhiteSpace(name) ? "API key" : name.Trim(),
            Prefix = key[..Math.Min(8, key.Length)],
            Hash = HashOf(key),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(ct);
        await journal.InfoAsync(EventSources.Api, ApiKeyEvents.ApiKeyCreated(apiKey.Name, apiKey.Prefix), apiKey.Name, actor);
        return (key, ApiKeyView.From(apiKey));
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        var hash = HashOf(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct);
    }

    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, ct) is not { } key)
            return false;
        key.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await journal.InfoAsync(EventSources.Api, ApiKeyEvents.ApiKeyRevoked(key.Name, key.Prefix), key.Name, actor);
        return true;
    }

    /// <summary>The active key matching what a caller presented, or null.</summary>
    public async Task<ApiKeyView?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        var hash = HashOf(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is null)
            return null;
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUseResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return ApiKeyView.From(key);
    }

    // Keys are long random strings, so a plain SHA-256 (no salt, no stretching) cannot be reversed by guessing.
    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
