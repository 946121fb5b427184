using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Dashboard;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Diagnostics;

/// <summary>
/// Every few minutes asks the messenger about each active bot: the token (status colour, status changes logged by
/// <see cref="BotConnection"/>) and the webhook (pending updates, new delivery errors logged here). Waits use real time,
/// not the app's clock: a test moving the clock by hours must not set off checks.
/// </summary>
public sealed class BotHealthMonitor(
    ChannelAdapters adapters,
    IDbContextFactory<Bots1CDbContext> dbFactory,
    BotConnection connection,
    BotCache cache,
    BotWebhookStatuses statuses,
    EventJournal journal,
    DashboardSignal signal,
    IOptions<DiagnosticsOptions> options,
    Jobs.JobLeases leases,
    ILogger<BotHealthMonitor> logger) : BackgroundService
{
    public const string Actor = "Background check";
    /// <summary>Lets the app finish starting (and a restart settle) before the first round.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckIntervalMinutes <= 0)
            return;
        try
        {
            await Task.Delay(FirstDelay, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RoundAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMinutes(options.Value.CheckIntervalMinutes), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round, on one instance only: two would ask the messengers twice and log each new delivery error
    /// twice. False when another instance holds the round (<see cref="Jobs.JobLeases"/>).</summary>
    public async Task<bool> RoundAsync(CancellationToken ct)
    {
        // Renewed every round; it outlasts one missed round, so the holder keeps it while it runs.
        var lease = TimeSpan.FromMinutes(2 * options.Value.CheckIntervalMinutes + 1);
        if (!await leases.TryTakeAsync(Jobs.JobLeases.BotHealth, lease, ct))
            return false;
        await CheckAllAsync(ct);
        return true;
    }

    public async Task CheckAllAsync(CancellationToken ct)
    {
        List<long> active;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            active = await db.Bots.Where(b => b.State == BotState.Active).Select(b => b.Id).ToListAsync(ct);
        foreach (var botId in active)
        {
            try
            {
                await CheckAsync(botId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The background check of bot {BotId} failed", botId);
            }
        }
    }

    public async Task CheckAsync(long botId, CancellationToken ct)
    {
        await connection.CheckAsync(botId, Actor, ct, logOnlyChanges: true);
        await ReadWebhookAsync(botId, Actor, ct);
        await signal.PublishAsync(botId);
    }

    /// <summary>Asks the messenger about the bot's webhook and keeps its answer; a delivery error newer than the stored one
    /// goes to the event log. Also run by the bot card after a save or a check (<see cref="BotSaveChecks"/>).</summary>
    public async Task ReadWebhookAsync(long botId, string actor, CancellationToken ct)
    {
        if (await cache.FindByIdAsync(botId, ct) is { } bot
            && adapters.TryGet(bot.Messenger, out var adapter)
            && await adapter.ReadWebhookAsync(bot.Credentials, ct) is { } view
            && await statuses.SaveAsync(botId, view, ct))
            await journal.WriteAsync(EventLevel.Warning, EventSources.Webhooks,
                DiagnosticsEvents.MessengerDeliveryError(bot.Messenger, view.LastErrorMessage, view.PendingUpdates ?? 0),
                bot.Credentials.Name, actor, ct, EventLinks.Bot(botId));
    }
}
