using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Dashboard;

/// <summary>Messages in and out per period, oldest first; <see cref="Starts"/> are the periods' starts (UTC).</summary>
public sealed record ActivitySeries(IReadOnlyList<DateTimeOffset> Starts, IReadOnlyList<int> In, IReadOnlyList<int> Out);

/// <summary>Operators' average first response per day, in minutes (null: no dialog was answered that day).</summary>
public sealed record ResponseSeries(IReadOnlyList<DateTimeOffset> Days, IReadOnlyList<double?> AverageMinutes, IReadOnlyList<int> Answered);

/// <summary>
/// The dashboard's charts. Timestamps are stored in a binary form SQLite cannot bucket, so the rows of the window (three
/// small columns) are read and counted here; 30 days of a busy installation is some hundred thousand rows.
/// </summary>
public sealed class DashboardCharts(IDbContextFactory<Bots1CDbContext> dbFactory, DashboardQueries queries, TimeProvider clock)
{
    public const int Days = 30;

    /// <summary>The last 24 hours, hour by hour (the current hour last).</summary>
    public async Task<ActivitySeries> HourlyAsync(long? botId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-23);
        var starts = Enumerable.Range(0, 24).Select(h => first.AddHours(h)).ToList();
        return Count(await RowsAsync(botId, first, ct), starts, TimeSpan.FromHours(1));
    }

    /// <summary>The last 30 days, day by day (local days, today last).</summary>
    public async Task<ActivitySeries> DailyAsync(long? botId, CancellationToken ct = default)
    {
        var starts = DayStarts();
        return Count(await RowsAsync(botId, starts[0], ct), starts, TimeSpan.FromDays(1));
    }

    /// <summary>
    /// From a customer's message to the first reply a person wrote after it. A message the bot answered does not wait for
    /// people; when the bot spoke last (e.g. "an operator will answer you") and the customer stayed silent, people became
    /// responsible when the bot spoke.
    /// </summary>
    public async Task<ResponseSeries> FirstResponseAsync(long? botId, CancellationToken ct = default)
    {
        var days = DayStarts();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = days[0];
        var query = db.Messages.AsNoTracking().Where(m => m.CreatedAt >= from && m.Direction != MessageDirection.Internal);
        if (botId is { } id)
            query = query.Where(m => m.Conversation!.BotId == id);
        var rows = await query.Select(m => new { m.ConversationId, m.Id, m.Direction, m.Author, m.AuthorUserId, m.CreatedAt }).ToListAsync(ct);

        var waits = new List<(DateTimeOffset RepliedAt, TimeSpan Wait)>();
        foreach (var conversation in rows.GroupBy(r => r.ConversationId))
        {
            DateTimeOffset? waitingSince = null, botSpokeAt = null;
            foreach (var m in conversation.OrderBy(r => r.Id))
            {
                if (m.Direction == MessageDirection.Incoming)
                    waitingSince ??= m.CreatedAt;
                else if (m.Author == ScenarioResponder.Author)
                    (waitingSince, botSpokeAt) = (null, m.CreatedAt);
                else if (m.AuthorUserId is not null)
                {
                    if ((waitingSince ?? botSpokeAt) is { } start)
                        waits.Add((m.CreatedAt, m.CreatedAt - start));
                    (waitingSince, botSpokeAt) = (null, null);
                }
            }
        }
        var averages = new List<double?>();
        var answered = new List<int>();
        foreach (var day in days)
        {
            var that = waits.Where(w => w.RepliedAt >= day && w.RepliedAt < day.AddDays(1)).ToList();
            averages.Add(that.Count == 0 ? null : Math.Round(that.Average(w => w.Wait.TotalMinutes), 1));
            answered.Add(that.Count);
        }
        return new ResponseSeries(days, averages, answered);
    }

    private List<DateTimeOffset> DayStarts()
    {
        var today = queries.TodayStart();
        return Enumerable.Range(0, Days).Select(d => today.AddDays(d - Days + 1)).ToList();
    }

    private async Task<List<(DateTimeOffset At, MessageDirection Direction)>> RowsAsync(long? botId, DateTimeOffset from, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Messages.AsNoTracking().Where(m => m.CreatedAt >= from && m.Direction != MessageDirection.Internal);
        if (botId is { } id)
            query = query.Where(m => m.Conversation!.BotId == id);
        var rows = await query.Select(m => new { m.CreatedAt, m.Direction }).ToListAsync(ct);
        return rows.Select(r => (r.CreatedAt, r.Direction)).ToList();
    }

    private static ActivitySeries Count(List<(DateTimeOffset At, MessageDirection Direction)> rows, List<DateTimeOffset> starts, TimeSpan width)
    {
        var ins = new int[starts.Count];
        var outs = new int[starts.Count];
        foreach (var (at, direction) in rows)
        {
            var index = (int)Math.Floor((at - starts[0]) / width);
            if (index < 0 || index >= starts.Count)
                continue;
            if (direction == MessageDirection.Incoming) ins[index]++;
            else outs[index]++;
        }
        return new ActivitySeries(starts, ins, outs);
    }
}
