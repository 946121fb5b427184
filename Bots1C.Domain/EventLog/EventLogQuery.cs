using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.EventLog;

public record EventLogFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    EventLevel? Level = null,
    string? Source = null,
    string? Text = null);

public record EventLogPage(IReadOnlyList<EventLogEntry> Items, int Total);

/// <summary>Reads the journal for the administrators' page: newest first, filtered, one page at a time.</summary>
public class EventLogQuery(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<EventLogPage> FindAsync(EventLogFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.Events.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(e => e.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        return new EventLogPage(items, total);
    }

    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Events.Select(e => e.Source).Distinct().OrderBy(s => s).ToListAsync(ct);
    }

    private static IQueryable<EventLogEntry> Apply(IQueryable<EventLogEntry> query, EventLogFilter filter)
    {
        // On SQLite these compare stored binary timestamps (see DatabaseProvider): all are UTC, so order holds.
        if (filter.From is { } from)
            query = query.Where(e => e.At >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.At <= to);
        if (filter.Level is { } level)
            query = query.Where(e => e.Level == level);
        if (!string.IsNullOrWhiteSpace(filter.Source))
            query = query.Where(e => e.Source == filter.Source);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = TextSearch.Pattern(filter.Text.Trim());
            query = query.Where(e =>
                TextSearch.Like(e.Message, pattern) ||
                TextSearch.Like(e.Code, pattern) ||
                (e.Subject != null && TextSearch.Like(e.Subject, pattern)) ||
                (e.Actor != null && TextSearch.Like(e.Actor, pattern)));
        }
        return query;
    }
}
