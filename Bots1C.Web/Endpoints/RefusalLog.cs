using System.Collections.Concurrent;
using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// Writes refused webhook calls to the event log, at most once a minute per reason and address: the endpoints
/// are open to the internet, and a script hammering them must not be able to grow the database without end.
/// </summary>
public class RefusalLog(EventJournal journal, TimeProvider clock)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<(string Code, string From), DateTimeOffset> _lastWritten = new();

    public async Task WriteAsync(string code, string message, string from, string subject, long? botId = null)
    {
        var now = clock.GetUtcNow();
        if (_lastWritten.TryGetValue((code, from), out var last) && now - last < Quiet)
            return;
        if (_lastWritten.Count >= MaxRemembered)
            _lastWritten.Clear();
        _lastWritten[(code, from)] = now;
        await journal.WriteAsync(EventLevel.Warning, EventSources.Webhooks, code, message, subject, about: botId is { } id ? EventLinks.Bot(id) : null);
    }
}
