namespace Bots1C.Domain.Conversations;

public enum ConversationChange
{
    MessageAdded,
    DeliveryChanged,
    ContactChanged,
    /// <summary>Mode, assignment, closed/open or unread count changed.</summary>
    ConversationChanged,
    /// <summary>A scenario handed the dialog over and nobody has it yet (the messenger plays its sound).</summary>
    WaitingStarted,
    /// <summary>Who is looking at or typing in the dialog changed (<see cref="Operators.OperatorPresence"/>).</summary>
    Presence,
}

/// <summary>A change to a conversation. <see cref="UserId"/> (the messenger user) is set when a customer's own
/// update caused it, so a screen waiting for someone's first message can recognise it without a query.</summary>
public sealed record ConversationEvent(long BotId, long ConversationId, long? MessageId, ConversationChange Change, string? UserId = null)
{
    /// <summary>Set when another instance of the app published it and it came here through Redis (docs/scaling.md):
    /// such an event must not be sent on again, neither back to Redis nor to the hub's backplane.</summary>
    public bool FromOtherInstance { get; init; }
}

/// <summary>
/// Tells live screens (operator pages, the web chat) that a conversation changed, so they never poll.
/// Subscribers get events on the publisher's thread and must hand them to their own context quickly.
/// </summary>
public class ConversationNotifier
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = new([]);

    public IDisposable Subscribe(Func<ConversationEvent, Task> handler)
    {
        lock (_gate)
            _subscribers = new(_subscribers.Handlers.Add(handler));
        return new Subscription(this, handler);
    }

    public async Task PublishAsync(ConversationEvent change)
    {
        foreach (var handler in _subscribers.Handlers)
        {
            try { await handler(change); }
            catch { /* one broken screen must not stop the message path */ }
        }
    }

    private void Unsubscribe(Func<ConversationEvent, Task> handler)
    {
        lock (_gate)
            _subscribers = new(_subscribers.Handlers.Remove(handler));
    }

    private sealed record ImmutableSubscribers(System.Collections.Immutable.ImmutableList<Func<ConversationEvent, Task>> Handlers);

    private sealed class Subscription(ConversationNotifier owner, Func<ConversationEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
