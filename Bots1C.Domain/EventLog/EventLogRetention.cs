using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.EventLog;

public sealed class EventLogOptions
{
    public const string Section = "Bots1C:EventLog";

    /// <summary>Entries older than this many days are removed; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 90;
}

/// <summary>Removes event log entries past the retention period, at start and then every few hours. Runs on every
/// instance without a lease (<see cref="Jobs.JobLeases"/>): deleting what another instance already deleted does nothing.</summary>
public sealed class EventLogRetention(IDbContextFactory<Bots1CDbContext> dbFactory, IOptions<EventLogOptions> options,
    TimeProvider clock, ILogger<EventLogRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var removed = await PurgeAsync(stoppingToken);
                    if (removed > 0)
                        logger.LogInformation("Removed {Count} event log entries older than {Days} days", removed, options.Value.RetentionDays);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not remove old event log entries");
                }
                await Task.Delay(Every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The number of entries removed.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        if (options.Value.RetentionDays <= 0)
            return 0;
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Events.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
