using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Bots1C.Web.Scaling;

/// <summary>
/// /health is Degraded, not Unhealthy, while Redis cannot be reached: this instance still takes, processes and stores
/// messages on its own; only what it shares with the other instances (live updates, cache changes, presence) waits.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Unreachable = "Redis cannot be reached: this instance works on its own (messages are still processed and stored); "
        + "live updates, bot and scenario changes and presence from the other instances resume when it is back.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!redis.IsConnected)
            return HealthCheckResult.Degraded(Unreachable);
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return HealthCheckResult.Healthy("Redis answers.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded(Unreachable);
        }
    }
}
