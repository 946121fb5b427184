using Bots1C.Domain.Conversations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// /health is Degraded while incoming updates cannot be stored: the inbox writer has been trying to commit one batch
/// for longer than a healthy commit ever takes (SQLite's own wait for a lock is 5 s), or its last batch failed. The
/// database may still answer reads, so the database check alone says Healthy while messengers' calls hang.
/// </summary>
public sealed class InboxHealthCheck(InboxWriter inbox, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (inbox.StoringSince is { } since && clock.GetUtcNow() - since > StalledAfter)
            return Task.FromResult(HealthCheckResult.Degraded($"Incoming updates have waited {(int)(clock.GetUtcNow() - since).TotalSeconds} s to be stored."));
        if (inbox.LastStoreFailed)
            return Task.FromResult(HealthCheckResult.Degraded("The last incoming updates could not be stored."));
        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
