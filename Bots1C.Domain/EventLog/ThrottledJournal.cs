using System.Collections.Concurrent;

namespace Bots1C.Domain.EventLog;

/// <summary>
/// Writes what strangers or broken senders can cause as often as they like (refused webhook calls, unreadable updates)
/// to the event log at most once a minute per code and key: a script hammering an open endpoint must not be able to
/// grow the database without end. The first of a kind is always written.
/// </summary>
public class ThrottledJournal(EventJournal journal, TimeProvider clock)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<(string Code, string Key), DateTimeOffset> _lastWritten = new();

    /// <summary>Writes unless the same code was written for the same key less than a minute ago.</summary>
    public async Task WriteAsync(string source, string key, EventDetail detail, string subject, long? botId = null,
        CancellationToken ct = default)
    {
        var code = detail.Code;
        var now = clock.GetUtcNow();
        if (_lastWritten.TryGetValue((code, key), out var last) && now - last < Quiet)
            return;
        if (_lastWritten.Count >= MaxRemembered)
            _lastWritten.Clear();
        _lastWritten[(code, key)] = now;
        await journal.WriteAsync(EventLevel.Warning, source, detail, subject, ct: ct, about: botId is { } id ? EventLinks.Bot(id) : null);
    }
}
