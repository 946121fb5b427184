using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>Runs each enabled 1C source when its interval has passed since its last sync (checked every minute).</summary>
public sealed class ODataSyncScheduler(IDbContextFactory<Bots1CDbContext> dbFactory, ODataSync sync, TimeProvider clock,
    ILogger<ODataSyncScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var id in await DueAsync(stoppingToken))
                    await sync.RunAsync(id, ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduled 1C sync failed; trying again at the next interval");
            }
        }
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
