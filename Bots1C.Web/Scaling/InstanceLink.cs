using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bots1C.Web.Scaling;

/// <summary>
/// Joins this instance to the others through one Redis pub/sub channel: its own conversation events, cache changes and
/// presence, and the dashboard's health signal, go out (through the <see cref="InstanceOutbox"/>, in order); theirs come
/// in, one after another, and reach this instance's notifier (so its pages, dashboard and web chat streams hear them),
/// caches, presence and dashboard signal. Nothing here
/// is on the message path: when Redis is away, messages are still processed and stored, and the other instances' live
/// updates resume when it is back (caches are dropped then, as changes may have been missed meanwhile).
/// </summary>
public sealed class InstanceLink(IConnectionMultiplexer redis, IOptions<RedisSettings> settings, ThisInstance me, InstanceOutbox outbox,
    ConversationNotifier notifier, Bots1C.Domain.Dashboard.DashboardSignal dashboard, BotCache bots, ScenarioCache scenarios, LicenseStore license, OperatorPresence presence,
    OtherInstancesPresence others, ILogger<InstanceLink> logger) : BackgroundService
{
    /// <summary>How often an instance repeats its presence (it is forgotten after <see cref="OtherInstancesPresence.ForgetAfter"/>).</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    private RedisChannel Channel => RedisChannel.Literal(settings.Value.ChannelPrefix + ":instances");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var events = notifier.Subscribe(e =>
        {
            if (!e.FromOtherInstance)
                outbox.Post(new LinkMessage("", Event: e));
            return Task.CompletedTask;
        });
        bots.Invalidated += BotsChanged;
        scenarios.Invalidated += ScenariosChanged;
        license.Invalidated += LicenseChanged;
        dashboard.PublishedHere += HealthChanged;
        redis.ConnectionFailed += Lost;
        redis.ConnectionRestored += Restored;
        try
        {
            await SubscribeAsync(stoppingToken);
            await Task.WhenAll(SendAsync(stoppingToken), RefreshAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            bots.Invalidated -= BotsChanged;
            scenarios.Invalidated -= ScenariosChanged;
            license.Invalidated -= LicenseChanged;
            dashboard.PublishedHere -= HealthChanged;
            redis.ConnectionFailed -= Lost;
            redis.ConnectionRestored -= Restored;
        }
    }

    private void BotsChanged() => outbox.Post(new LinkMessage("", Cache: SharedCache.Bots));
    private void ScenariosChanged() => outbox.Post(new LinkMessage("", Cache: SharedCache.Scenarios));
    private void LicenseChanged() => outbox.Post(new LinkMessage("", Cache: SharedCache.License));
    private void HealthChanged(long botId) => outbox.Post(new LinkMessage("", BotHealth: botId));

    private void Lost(object? sender, ConnectionFailedEventArgs e) =>
        logger.LogWarning("Redis cannot be reached ({Failure} at {EndPoint}): this instance works on its own until it is back", e.FailureType, e.EndPoint);

    // Changes made on either side while the link was down were not heard: drop our copies, and have the others drop theirs.
    private void Restored(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogInformation("Redis answers again ({EndPoint}): live updates between instances resume", e.EndPoint);
        Drop(SharedCache.All);
        outbox.Post(new LinkMessage("", Cache: SharedCache.All));
    }

    /// <summary>Subscribes once Redis answers; until then this instance simply hears nobody. StackExchange.Redis
    /// subscribes again by itself after a reconnect.</summary>
    private async Task SubscribeAsync(CancellationToken ct)
    {
        // Redis may have been away from the start, before anyone listened for the multiplexer's failures.
        if (!redis.IsConnected)
            logger.LogWarning("Redis cannot be reached: this instance works on its own until it is back");
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (redis.IsConnected)
            {
                try
                {
                    var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
                    queue.OnMessage(ReceiveAsync);
                    return;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    try { await redis.GetSubscriber().UnsubscribeAsync(Channel); } catch (Exception) { /* tried again below */ }
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        if (LinkMessage.FromJson(message.Message.ToString()) is not { } received || received.From == me.Id)
            return;
        if (received.Presence is { } snapshot)
            others.Receive(received.From, snapshot);
        if (received.Cache is { } cache)
            Drop(cache);
        if (received.Event is { } change)
            await notifier.PublishAsync(change with { FromOtherInstance = true });
        if (received.BotHealth is { } botId)
            await dashboard.PublishFromElsewhereAsync(botId);
    }

    private void Drop(SharedCache cache)
    {
        if (cache is SharedCache.Bots or SharedCache.All)
            bots.InvalidateFromElsewhere();
        if (cache is SharedCache.Scenarios or SharedCache.All)
            scenarios.InvalidateFromElsewhere();
        if (cache is SharedCache.License or SharedCache.All)
            license.InvalidateFromElsewhere();
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var failing = false;
        await foreach (var message in outbox.ReadAllAsync(ct))
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(Channel, message.ToJson());
                failing = false;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Said once per outage, not per message; the message is dropped (screens catch up with the next event).
                if (!failing)
                    logger.LogWarning("Could not tell the other instances about a change: {Failure}", e.GetType().Name);
                failing = true;
            }
        }
    }

    /// <summary>Repeats this instance's presence (others forget silent instances) and forgets instances gone silent,
    /// telling this instance's screens who is no longer looking.</summary>
    private async Task RefreshAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        while (await timer.WaitForNextTickAsync(ct))
        {
            outbox.Post(new LinkMessage("", Presence: presence.Snapshot()));
            foreach (var gone in others.ForgetSilent())
                foreach (var watched in gone.Watchers.DistinctBy(w => w.ConversationId))
                    // Every instance forgets on its own: announcing it would repeat it once per instance.
                    await notifier.PublishAsync(new ConversationEvent(watched.BotId, watched.ConversationId, null, ConversationChange.Presence)
                        { FromOtherInstance = true });
        }
    }
}
