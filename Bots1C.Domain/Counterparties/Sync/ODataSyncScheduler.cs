using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>Runs each enabled 1C source when its interval has passed since its last sync (checked every minute).</summary>
public sealed class ODataSyncScheduler(IDbContextFactory<Bots1CDbContext> dbFactory, ODataSync sync, TimeProvider clock,
    Jobs.JobLeases leases, ILogger<ODataSyncScheduler> logger) : BackgroundService
{
    /// <summary>Renewed every minute while the holder is idle; long enough that a long sync (which does not renew
    /// while it runs) is not started a second time by another instance.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduled 1C sync failed; trying again at the next interval");
            }
        }
    }

    /// <summary>Syncs the due sources, on one instance only (two would import the same records side by side).
    /// Returns the sources synced, or null when another instance holds the job (<see cref="Jobs.JobLeases"/>).</summary>
    public async Task<IReadOnlyList<long>?> RoundAsync(CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(Jobs.JobLeases.ODataSync, Lease, ct))
            return null;
        var due = await DueAsync(ct);
        foreach (var id in due)
            await sync.RunAsync(id, ct: ct);
        return due;
    }

    public async Task<IReadOnlyList<long>> DueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var sources = await db.ODataSources.Where(s => s.IsEnabled && s.IntervalMinutes > 0)
            .Select(s => new { s.Id, s.IntervalMinutes, s.LastSyncAt }).ToListAsync(ct);
        return sources.Where(s => s.LastSyncAt is null || s.LastSyncAt.Value.AddMinutes(s.IntervalMinutes) <= now).Select(s => s.Id).ToList();
    }
}
