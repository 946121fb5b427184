using System.Collections.Concurrent;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;

namespace Bots1C.Domain.Operators;

public sealed record PresenceEntry(string UserId, string Name, bool IsTyping);

/// <summary>
/// Who is online in the messenger and who looks at or types in which dialog, so two operators do not answer at once
/// and a handed-over dialog can go to its counterparty's main manager only while they are there. Kept in memory:
/// it describes open browser connections, which a restart closes anyway. With several instances of the app, each shares
/// its people through <see cref="IPresenceExchange"/> and counts the others' in (docs/scaling.md).
/// </summary>
public sealed class OperatorPresence(ConversationNotifier notifier, TimeProvider clock, IPresenceExchange exchange)
{
    /// <summary>How long "typing…" shows after the last key press.</summary>
    public static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(5);

    private sealed record Watcher(string UserId, string Name, long BotId, long ConversationId, DateTimeOffset TypingUntil);

    private readonly ConcurrentDictionary<string, int> _online = new();
    private readonly ConcurrentDictionary<string, Watcher> _watchers = new();
    private readonly Lock _gate = new();

    /// <summary>Marks the person online for as long as the returned handle lives (a messenger circuit, a hub connection).</summary>
    public IDisposable GoOnline(string userId)
    {
        _online.AddOrUpdate(userId, 1, (_, n) => n + 1);
        _ = ShareAsync();
        return new Handle(() =>
        {
            lock (_gate)
            {
                if (_online.AddOrUpdate(userId, 0, (_, n) => n - 1) <= 0)
                    _online.TryRemove(userId, out _);
            }
            _ = ShareAsync();
        });
    }

    public bool IsOnline(string userId) =>
        (_online.TryGetValue(userId, out var n) && n > 0) || exchange.Others().Any(o => o.Online.Contains(userId));

    /// <summary>This instance's own people, for the other instances.</summary>
    public PresenceSnapshot Snapshot() => new(
        _online.Where(p => p.Value > 0).Select(p => p.Key).ToList(),
        _watchers.Values.Select(w => new PresenceSnapshot.Watching(w.UserId, w.Name, w.BotId, w.ConversationId, w.TypingUntil)).ToList());

    /// <summary>One connection looks at one dialog at a time; null when it looks at none.</summary>
    public async Task WatchAsync(string connection, string userId, string name, long? botId, long? conversationId)
    {
        Watcher? before;
        lock (_gate)
        {
            _watchers.TryGetValue(connection, out before);
            if (conversationId is { } id && botId is { } bot)
                _watchers[connection] = new Watcher(userId, name, bot, id, DateTimeOffset.MinValue);
            else
                _watchers.TryRemove(connection, out _);
        }
        if (before is not null && before.ConversationId != conversationId)
            await PublishAsync(before.BotId, before.ConversationId);
        if (conversationId is { } watched && botId is { } watchedBot && before?.ConversationId != watched)
            await PublishAsync(watchedBot, watched);
    }

    public Task LeaveAsync(string connection) => WatchAsync(connection, "", "", null, null);

    /// <summary>A key press in the composer. Announced only when the state flips, not per key.</summary>
    public async Task TypingAsync(string connection)
    {
        Watcher? watcher;
        bool wasTyping;
        lock (_gate)
        {
            if (!_watchers.TryGetValue(connection, out watcher))
                return;
            wasTyping = watcher.TypingUntil > clock.GetUtcNow();
            _watchers[connection] = watcher with { TypingUntil = clock.GetUtcNow() + TypingShownFor };
        }
        if (!wasTyping)
        {
            await PublishAsync(watcher.BotId, watcher.ConversationId);
            _ = EndTypingLaterAsync(connection);
        }
    }

    private async Task EndTypingLaterAsync(string connection)
    {
        while (true)
        {
            await Task.Delay(TypingShownFor, clock);
            Watcher? watcher;
            lock (_gate)
                if (!_watchers.TryGetValue(connection, out watcher))
                    return;
            if (watcher.TypingUntil <= clock.GetUtcNow())
            {
                await PublishAsync(watcher.BotId, watcher.ConversationId);
                return;
            }
        }
    }

    public IReadOnlyList<PresenceEntry> Of(long conversationId)
    {
        var now = clock.GetUtcNow();
        var elsewhere = exchange.Others().SelectMany(o => o.Watchers)
            .Select(w => new Watcher(w.UserId, w.Name, w.BotId, w.ConversationId, w.TypingUntil));
        return _watchers.Values.Concat(elsewhere).Where(w => w.ConversationId == conversationId)
            .GroupBy(w => w.UserId)
            .Select(g => new PresenceEntry(g.Key, g.First().Name, g.Any(w => w.TypingUntil > now)))
            .OrderBy(e => e.Name, NameOrder.Comparer)
            .ToList();
    }

    // Shared before the event is published, so another instance's screens that hear the event already count these people.
    private async Task PublishAsync(long botId, long conversationId)
    {
        await ShareAsync();
        await notifier.PublishAsync(new ConversationEvent(botId, conversationId, null, ConversationChange.Presence));
    }

    private async Task ShareAsync()
    {
        try { await exchange.ShareAsync(Snapshot()); }
        catch { /* other instances are told again at the exchange's next refresh; this one keeps working */ }
    }

    private sealed class Handle(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                release();
        }
    }
}
