using System.Collections.Frozen;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Bots;

/// <summary>A bot as the hot paths need it, with the token decrypted once.</summary>
public sealed record BotSnapshot(long Id, string BotKey, BotState State, BotCredentials Credentials, string PublicBaseUrl,
    IReadOnlyList<string> AllowedOrigins)
{
    public Messenger Messenger => Credentials.Messenger;
}

/// <summary>
/// Every bot by key and by id, held in memory: a webhook request must not query the database to find its
/// bot. Bot changes call <see cref="Invalidate"/>; the next read reloads. Other instances of the app hear of it through
/// <see cref="Invalidated"/> (docs/scaling.md) and drop their copy with <see cref="InvalidateFromElsewhere"/>.
/// </summary>
public class BotCache(IDbContextFactory<Bots1CDbContext> dbFactory, TokenProtector tokens,
    Microsoft.Extensions.Logging.ILogger<BotCache> logger)
{
    private volatile Snapshot? _snapshot;
    private int _version;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Raised after this instance changed bots, so other instances can be told.</summary>
    public event Action? Invalidated;

    public void Invalidate()
    {
        InvalidateFromElsewhere();
        Invalidated?.Invoke();
    }

    /// <summary>Another instance changed bots: drop the copy without announcing it again.</summary>
    public void InvalidateFromElsewhere()
    {
        Interlocked.Increment(ref _version);
        _snapshot = null;
    }

    public async ValueTask<BotSnapshot?> FindByKeyAsync(string botKey, CancellationToken ct = default) =>
        (await GetAsync(ct)).ByKey.GetValueOrDefault(botKey);

    public async ValueTask<BotSnapshot?> FindByIdAsync(long id, CancellationToken ct = default) =>
        (await GetAsync(ct)).ById.GetValueOrDefault(id);

    private async ValueTask<Snapshot> GetAsync(CancellationToken ct)
    {
        if (_snapshot is { } current)
            return current;
        await _loading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } loaded)
                return loaded;
            // A change saved while we were reading must not be hidden behind the older snapshot.
            var version = Volatile.Read(ref _version);
            var fresh = await LoadAsync(ct);
            if (version == Volatile.Read(ref _version))
            {
                _snapshot = fresh;
                if (version != Volatile.Read(ref _version))
                    _snapshot = null; // invalidated while we were storing: do not keep the older list
            }
            return fresh;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bots = await db.Bots.AsNoTracking().ToListAsync(ct);
        var snapshots = bots.Select(b => new BotSnapshot(b.Id, b.BotKey, b.State,
            new BotCredentials(b.Id, b.Name, b.Messenger, TokenOf(b), b.ExtraId, b.ApiServerUrl, b.WebhookSecret)
            {
                AppSecret = b.ProtectedAppSecret is { } secret ? SecretOf(b, secret) : null,
                ConfirmationCode = b.ConfirmationCode,
                HandOverToMessengerAgents = b.HandOverToMessengerAgents,
            },
            b.PublicBaseUrl, BotInputValidator.AllowedOriginList(b.AllowedOrigins).ToList())).ToList();
        return new Snapshot(
            snapshots.ToFrozenDictionary(b => b.BotKey, StringComparer.Ordinal),
            snapshots.ToFrozenDictionary(b => b.Id));
    }

    /// <summary>A token that cannot be decrypted (the keys in the data folder were lost or replaced) disables
    /// that bot's messenger calls only; the other bots and every webhook keep working.</summary>
    private string TokenOf(Bot bot) => SecretOf(bot, bot.ProtectedToken);

    private string SecretOf(Bot bot, string protectedSecret)
    {
        try
        {
            return tokens.Unprotect(protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            logger.LogError(e, "A secret of bot {Bot} (token or app secret) cannot be decrypted; enter it again on the bot card", bot.Name);
            return "";
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, BotSnapshot> ByKey, FrozenDictionary<long, BotSnapshot> ById);
}
