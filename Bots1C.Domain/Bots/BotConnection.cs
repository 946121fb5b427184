using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Bots;

public sealed record ConnectionOutcome(bool Ok, string? Reason)
{
    /// <summary>Set when the license, not the messenger, refused: the pages say it in the reader's language.</summary>
    public Licensing.LicenseRefusal? LicenseRefusal { get; init; }

    /// <summary>The messenger offers no check (JivoChat): the bot stays "not checked", <see cref="Reason"/> says why.</summary>
    public bool NotCheckable { get; init; }
}

/// <summary>"Check now" and "Register webhook": asks the messenger, stores the status, writes the event log.</summary>
public class BotConnection(
    ChannelAdapters adapters,
    IDbContextFactory<Bots1CDbContext> dbFactory,
    BotCache cache,
    EventJournal journal,
    Licensing.LicenseGuard license,
    Dashboard.DashboardSignal dashboard,
    TimeProvider clock)
{
    /// <summary>Asks the messenger whether it accepts the token. A person's "Check now" is always logged;
    /// automatic checks (<paramref name="logOnlyChanges"/>) only when the status changes, to keep the log readable.</summary>
    public async Task<ConnectionOutcome?> CheckAsync(long botId, string actor, CancellationToken ct = default, bool logOnlyChanges = false)
    {
        if (await cache.FindByIdAsync(botId, ct) is not { } bot)
            return null;
        var check = Adapter(bot.Messenger) is { } adapter
            ? await adapter.CheckConnectionAsync(bot.Credentials, ct)
            : new ConnectionCheck(true, null); // the web chat is served by this app itself

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Bots.FirstAsync(b => b.Id == botId, ct);
        if (check.NotCheckable)
            return await RecordNotCheckableAsync(db, stored, check.Reason, actor, logOnlyChanges, ct);
        var changed = stored.Status != (check.Ok ? ConnectionStatus.Established : ConnectionStatus.Failing);
        stored.Status = check.Ok ? ConnectionStatus.Established : ConnectionStatus.Failing;
        stored.StatusReason = check.Ok ? check.AccountName : check.Reason;
        stored.StatusCheckedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await dashboard.PublishAsync(botId);

        if (logOnlyChanges && !changed)
            return new ConnectionOutcome(check.Ok, check.Ok ? check.AccountName : check.Reason);
        if (check.Ok)
            await journal.WriteAsync(EventLevel.Information, EventSources.Bots,
                BotEvents.ConnectionEstablished(check.AccountName), stored.Name, actor, ct, EventLinks.Bot(botId));
        else
            await journal.WriteAsync(changed ? EventLevel.Error : EventLevel.Warning, EventSources.Bots,
                BotEvents.ConnectionFailed(check.Reason), stored.Name, actor, ct, EventLinks.Bot(botId));
        return new ConnectionOutcome(check.Ok, check.Ok ? check.AccountName : check.Reason);
    }

    /// <summary>Neither green nor red: a bot that may work perfectly must not show as failing where nothing can tell.</summary>
    private async Task<ConnectionOutcome> RecordNotCheckableAsync(Bots1CDbContext db, Bot stored, string? reason, string actor,
        bool logOnlyChanges, CancellationToken ct)
    {
        var changed = stored.Status != ConnectionStatus.Unknown || stored.StatusReason != reason;
        stored.Status = ConnectionStatus.Unknown;
        stored.StatusReason = reason;
        stored.StatusCheckedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await dashboard.PublishAsync(stored.Id);
        if (changed || !logOnlyChanges)
            await journal.WriteAsync(EventLevel.Information, EventSources.Bots,
                BotEvents.ConnectionNotCheckable(reason), stored.Name, actor, ct, EventLinks.Bot(stored.Id));
        return new ConnectionOutcome(false, reason) { NotCheckable = true };
    }

    public async Task<ConnectionOutcome?> RegisterWebhookAsync(long botId, string actor, CancellationToken ct = default)
    {
        if (await cache.FindByIdAsync(botId, ct) is not { } bot)
            return null;
        var url = $"{bot.PublicBaseUrl}/webhooks/{bot.BotKey}";
        if (await license.CheckWebhookAsync(bot.Messenger, bot.PublicBaseUrl, ct) is { } refusal)
        {
            await license.LogAsync(refusal, bot.Credentials.Name, actor, ct, EventLinks.Bot(botId));
            return new ConnectionOutcome(false, refusal.English) { LicenseRefusal = refusal };
        }
        if (Adapter(bot.Messenger) is not { } adapter)
            return new ConnectionOutcome(true, null);
        var result = await adapter.RegisterWebhookAsync(bot.Credentials, url, ct);
        if (result.Ok)
            await journal.WriteAsync(EventLevel.Information, EventSources.Bots, BotEvents.WebhookRegistered(url), bot.Credentials.Name, actor, ct, EventLinks.Bot(botId));
        else
            await journal.WriteAsync(EventLevel.Error, EventSources.Bots,
                BotEvents.WebhookRegistrationFailed(url, result.Reason), bot.Credentials.Name, actor, ct, EventLinks.Bot(botId));
        return new ConnectionOutcome(result.Ok, result.Reason);
    }

    private IChannelAdapter? Adapter(Messenger messenger) => adapters.TryGet(messenger, out var adapter) ? adapter : null;
}
