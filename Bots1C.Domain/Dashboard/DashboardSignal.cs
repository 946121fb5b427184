using System.Collections.Immutable;

namespace Bots1C.Domain.Dashboard;

/// <summary>Tells the dashboard that a bot's health changed (a background check, a diagnostics run), so it never polls.
/// Message counts come from the <see cref="Conversations.ConversationNotifier"/>.</summary>
public sealed class DashboardSignal
{
    private readonly Lock _gate = new();
    private ImmutableList<Func<long, Task>> _handlers = [];

    public IDisposable Subscribe(Func<long, Task> handler)
    {
        lock (_gate)
            _handlers = _handlers.Add(handler);
        return new Subscription(() => { lock (_gate) _handlers = _handlers.Remove(handler); });
    }

    /// <summary>Raised for a change found on this instance, so other instances' dashboards can be told (docs/scaling.md).</summary>
    public event Action<long>? PublishedHere;

    public Task PublishAsync(long botId)
    {
        PublishedHere?.Invoke(botId);
        return PublishFromElsewhereAsync(botId);
    }

    /// <summary>Another instance found the change: tell this instance's screens without announcing it again.</summary>
    public async Task PublishFromElsewhereAsync(long botId)
    {
        foreach (var handler in _handlers)
        {
            try { await handler(botId); }
            catch { /* one broken screen must not stop a check */ }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
