using System.Threading.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Microsoft.AspNetCore.SignalR;

namespace Bots1C.Web.Hubs;

/// <summary>What every hub event carries; <see cref="People"/> only on "Presence".</summary>
public sealed record OperatorEvent(long BotId, long ConversationId, long? MessageId, IReadOnlyList<PresenceEntry>? People = null);

/// <summary>
/// Forwards this instance's notifier events to every hub client (of every instance, through the backplane). The message path only drops an event into a queue here:
/// sending to many sockets happens on this worker, so slow clients never hold up a webhook.
/// </summary>
public sealed class OperatorHubBroadcaster(ConversationNotifier notifier, IHubContext<OperatorHub> hub, OperatorPresence presence,
    ILogger<OperatorHubBroadcaster> logger) : BackgroundService
{
    private readonly Channel<ConversationEvent> _queue =
        Channel.CreateBounded<ConversationEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>The client method an event is sent as: its name in docs/api.md, which external clients listen for.
    /// <see cref="ConversationChange.ConversationChanged"/> was published as "DialogChanged" and keeps that name.</summary>
    public static string MethodName(ConversationChange change) =>
        change == ConversationChange.ConversationChanged ? "DialogChanged" : change.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(e =>
        {
            // Only events that happened on this instance. With several instances the hub has the Redis backplane, so this
            // instance's Clients.All already reaches every instance's hub clients; an event from another instance was
            // sent to them by that instance, and forwarding it again would deliver it twice. (The other way, each
            // instance sending every event to its own connections only, would need the connection list per instance.)
            if (!e.FromOtherInstance)
                _queue.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        await foreach (var change in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var people = change.Change == ConversationChange.Presence ? presence.Of(change.ConversationId) : null;
                await hub.Clients.All.SendAsync(MethodName(change.Change),
                    new OperatorEvent(change.BotId, change.ConversationId, change.MessageId, people), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not send {Change} of conversation {Id} to operator clients", change.Change, change.ConversationId);
            }
        }
    }
}
