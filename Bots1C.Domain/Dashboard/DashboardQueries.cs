using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Dashboard;

/// <summary>One bot's tile. "Today" starts at midnight in the server's time zone; last in/out look back 30 days.</summary>
public sealed record BotTile(
    long BotId, string Name, Messenger Messenger, BotState State, ConnectionStatus Status, string? StatusReason, DateTimeOffset? StatusCheckedAt,
    DateTimeOffset? LastIn, DateTimeOffset? LastOut, int InToday, int OutToday, int OpenConversations, int WaitingConversations,
    int OutboxBacklog, int FailedToday, int? PendingUpdates, string? LastWebhookError, DateTimeOffset? LastWebhookErrorAt,
    DateTimeOffset? DiagnosedAt, StepOutcome? DiagnosticsOutcome);

/// <summary>The counters of the dashboard's tiles, one query per figure over all bots (no per-bot round trips).</summary>
public sealed class DashboardQueries(IDbContextFactory<Bots1CDbContext> dbFactory, BotWebhookStatuses webhooks, DiagnosticsRunner diagnostics,
    TimeProvider clock)
{
    public DateTimeOffset TodayStart()
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.Local);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }

    public async Task<IReadOnlyList<BotTile>> TilesAsync(CancellationToken ct = default)
    {
        var today = TodayStart();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bots = await db.Bots.AsNoTracking().Where(b => b.State != BotState.MarkedForDeletion).OrderBy(b => NameOrder.Key(b.Name)).ToListAsync(ct);

        var messages = db.Messages.Where(m => m.Direction != MessageDirection.Internal);
        // Timestamps are stored as UTC ticks, so the largest is the latest. Looked for within the charts' 30 days (by the
        // time index), not over the whole history, since the tiles reload with every message.
        var recent = today.AddDays(-DashboardCharts.Days);
        var last = await messages.Where(m => m.CreatedAt >= recent).GroupBy(m => new { m.Conversation!.BotId, m.Direction })
            .Select(g => new { g.Key.BotId, g.Key.Direction, At = g.Max(m => m.CreatedAt) }).ToListAsync(ct);
        var todayCounts = await messages.Where(m => m.CreatedAt >= today)
            .GroupBy(m => new { m.Conversation!.BotId, m.Direction }).Select(g => new { g.Key.BotId, g.Key.Direction, Count = g.Count() }).ToListAsync(ct);
        // The messenger's own tabs: "All open" and "Waiting".
        var conversations = await db.Conversations.Where(c => !c.IsClosed)
            .GroupBy(c => new { c.BotId, Waiting = c.Mode == ConversationMode.WaitingForOperator && c.AssignedUserId == null })
            .Select(g => new { g.Key.BotId, g.Key.Waiting, Count = g.Count() }).ToListAsync(ct);
        var backlog = await db.Outbox.Where(o => o.State == OutboxState.Pending).GroupBy(o => o.BotId)
            .Select(g => new { BotId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.BotId, g => g.Count, ct);
        var failed = await db.Outbox.Where(o => o.State == OutboxState.Failed && o.CreatedAt >= today).GroupBy(o => o.BotId)
            .Select(g => new { BotId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.BotId, g => g.Count, ct);
        var hooks = await webhooks.AllAsync(ct);
        var runs = await diagnostics.LastOutcomesAsync(ct);

        DateTimeOffset? Last(long botId, MessageDirection direction) =>
            last.FirstOrDefault(l => l.BotId == botId && l.Direction == direction)?.At;
        int Today(long botId, MessageDirection direction) => todayCounts.FirstOrDefault(c => c.BotId == botId && c.Direction == direction)?.Count ?? 0;
        int Conversations(long botId, bool waiting) => conversations.Where(d => d.BotId == botId && (!waiting || d.Waiting)).Sum(d => d.Count);

        return bots.Select(b =>
        {
            var hook = hooks.GetValueOrDefault(b.Id);
            var run = runs.TryGetValue(b.Id, out var r) ? r : ((DateTimeOffset, StepOutcome)?)null;
            return new BotTile(b.Id, b.Name, b.Messenger, b.State, b.Status, b.StatusReason, b.StatusCheckedAt,
                Last(b.Id, MessageDirection.Incoming), Last(b.Id, MessageDirection.Outgoing),
                Today(b.Id, MessageDirection.Incoming), Today(b.Id, MessageDirection.Outgoing),
                Conversations(b.Id, waiting: false), Conversations(b.Id, waiting: true),
                backlog.GetValueOrDefault(b.Id), failed.GetValueOrDefault(b.Id),
                hook?.PendingUpdates, hook?.LastErrorMessage, hook?.LastErrorAt, run?.Item1, run?.Item2);
        }).ToList();
    }
}
