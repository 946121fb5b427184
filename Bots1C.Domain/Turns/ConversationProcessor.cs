using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Turns;

/// <summary>
/// Takes stored updates out of the inbox and records what they mean. Updates of one chat are handled in
/// arrival order, different chats in parallel. Rows are claimed with a lease, so after a crash (or on a
/// second instance) unfinished rows are picked up again once the lease runs out (at once when the dead process is
/// provably gone, <see cref="GoneInstanceRelease"/>). A chat is never processed past an older row that is held:
/// the claim itself leaves such chats out (<see cref="ClaimAsync"/>), and a chat waits while a scenario's HTTP request
/// runs (<see cref="ChatWaitsForScenarioCall"/>).
/// </summary>
public sealed class ConversationProcessor(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    ChannelAdapters adapters,
    AppInstance instance,
    BotCache cache,
    ConversationRecorder recorder,
    ChatWaitsForScenarioCall callWait,
    ConversationNotifier notifier,
    InboxSignal inboxSignal,
    OutboxSignal outboxSignal,
    EventJournal journal,
    ThrottledJournal throttledJournal,
    TimeProvider clock,
    ILogger<ConversationProcessor> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const int BatchSize = 200;
    private const int MaxAttempts = 5;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        inboxSignal.RunUntilStoppedAsync(ProcessBatchAsync, Poll, clock, logger, "Inbox processing failed", stoppingToken);

    private async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var claim = instance.NewClaim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await ClaimAsync(db, claim, clock.GetUtcNow(), BatchSize, ct);
        if (claimed == 0)
            return 0;

        var rows = await db.Inbox.AsNoTracking()
            .Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending)
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.BotId, i.ChatKey })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // One transaction for the whole batch: SQLite has one writer, so parallel small commits only queue up.
        // Arrival order (Id) keeps each chat's updates in order. If anything in the batch fails, redo it row by
        // row so one broken update cannot hold up the others; the rest of a failed row's chat is left to the next
        // claim, which decides whether that row holds its chat (see ClaimAsync).
        var everyRowDecided = false;
        try
        {
            if (await ProcessTogetherAsync(ids, ct))
                everyRowDecided = true; // processed, kept as unreadable, or put off: none carries the claim any more
            else
            {
                var failedChats = new HashSet<(long, string)>();
                foreach (var row in rows.Where(r => !failedChats.Contains((r.BotId, r.ChatKey))))
                    if (!await ProcessTogetherAsync([row.Id], ct, recordFailure: true))
                        failedChats.Add((row.BotId, row.ChatKey));
            }
        }
        finally
        {
            // On shutdown, or behind a failed row, what we did not get to goes back at once, not after the lease. Not
            // after a whole batch went through: the statement would change nothing but still wait its turn for SQLite's
            // one writer (a round trip on PostgreSQL), once per batch.
            if (!everyRowDecided)
                await db.Inbox.Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null),
                        CancellationToken.None);
        }
        return ids.Count;
    }

    /// <summary>
    /// Claims the first <paramref name="batchSize"/> pending rows, in one statement, leaving out every row of a chat that has
    /// an older pending row which is held: claimed by anyone (a dead process's claim included, until it is released or its
    /// lease ends), put off for a scenario's call, or waiting to be retried after trouble of our own. An older row that is
    /// free is older, so it comes first in the same claim; only rows that failed by their own fault (<c>Attempts</c> &gt; 0)
    /// do not hold their chat, or one broken update would silence a customer for minutes. The check walks the
    /// pending rows' (bot, chat, id) index. On PostgreSQL, where several instances claim at once, the same rule runs
    /// under a lock so each claim sees the ones before it (<see cref="PostgresClaims"/>).
    /// </summary>
    public static Task<int> ClaimAsync(Bots1CDbContext db, string claim, DateTimeOffset now, int batchSize, CancellationToken ct) =>
        db.Database.IsNpgsql() ? PostgresClaims.ClaimInboxAsync(db, claim, now, Lease, batchSize, ct) : db.Inbox
            .Where(i => i.State == InboxState.Pending && (i.LeaseUntil == null || i.LeaseUntil < now))
            .Where(i => !db.Inbox.Any(o => o.State == InboxState.Pending && o.BotId == i.BotId && o.ChatKey == i.ChatKey && o.Id < i.Id
                                           && o.LeaseUntil >= now && o.Attempts == 0))
            .OrderBy(i => i.Id).Take(batchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, claim).SetProperty(i => i.LeaseUntil, now + Lease), ct);

    private async Task<bool> ProcessTogetherAsync(IReadOnlyList<long> ids, CancellationToken ct, bool recordFailure = false)
    {
        var changes = new List<RecordedChange>();
        var unreadable = new List<(InboxUpdate Row, BotSnapshot Bot)>();
        var session = new ConversationRecorder.Session();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Inbox.Where(i => ids.Contains(i.Id) && i.State == InboxState.Pending).OrderBy(i => i.Id).ToListAsync(ct);
            var waiting = new ChatWaitsForScenarioCall.Batch();
            var parsed = new List<(InboxUpdate Row, BotSnapshot Bot, IReadOnlyList<InboundEvent> Events)>(rows.Count);
            foreach (var row in rows)
            {
                var bot = await cache.FindByIdAsync(row.BotId, ct)
                    ?? throw new InvalidOperationException($"Bot {row.BotId} no longer exists.");
                if (Parse(bot, row) is { } events)
                    parsed.Add((row, bot, events));
                else
                    unreadable.Add((row, bot));
            }
            // A database server answers each question over the network: one query for the whole batch. SQLite answers
            // in-process, where one indexed look-up per chat costs less (measured: ingest with processing 4,600–4,900/s
            // per chat against 2,900–3,000/s batched, docs/benchmarks.md).
            if (db.Database.IsNpgsql())
                await recorder.PreloadAsync(db, session, parsed.SelectMany(p => p.Events.Select(e => (p.Bot.Id, e))), ct);
            foreach (var (row, bot, events) in parsed)
            {
                if (await callWait.PutOffAsync(db, session, waiting, row, events, ct))
                    continue;
                changes.AddRange(await recorder.RecordAsync(db, session, bot.Id, events, ct));
                row.State = InboxState.Processed;
                row.LeaseOwner = null;
                row.LeaseUntil = null;
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (recordFailure)
                await RecordFailureAsync(ids[0], e, ct);
            return false;
        }
        foreach (var (row, bot) in unreadable)
            await throttledJournal.WriteAsync(EventSources.Webhooks, $"bot {bot.Id}",
                MessagePathEvents.UpdateUnreadable(row.ExternalId, row.Error), bot.Credentials.Name, bot.Id, ct);
        foreach (var change in changes)
            await notifier.PublishAsync(change.ToEvent());
        outboxSignal.Signal(); // a button press queues its callback answer
        callWait.CallsLeftBy(session);
        return true;
    }

    /// <summary>The update's events, or null when the messenger could not have sent it: then the row is kept as ignored
    /// with the reason, never retried (the same bytes fail the same way) and never silently marked done.</summary>
    private IReadOnlyList<InboundEvent>? Parse(BotSnapshot bot, InboxUpdate row)
    {
        try
        {
            return adapters.For(bot.Messenger).Parse(row.Payload);
        }
        catch (UnreadableUpdateException e)
        {
            row.State = InboxState.Ignored;
            row.Error = TextLimits.Cut(e.Message, MaxReason);
            row.LeaseOwner = null;
            row.LeaseUntil = null;
            return null;
        }
    }

    private const int MaxReason = 500;

    private async Task RecordFailureAsync(long id, Exception error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
        row.LeaseOwner = null;
        row.Error = error.Message;
        if (IsTheUpdatesFault(error))
        {
            logger.LogWarning(error, "Inbox update {Id} could not be processed", id);
            row.Attempts++;
            if (row.Attempts >= MaxAttempts)
                row.State = InboxState.Failed;
        }
        // Try again later (the lease doubles as the "not before" time). Trouble of our own (database, disk) or an
        // answer that has not arrived yet does not use up the update's attempts: it must not be given up on.
        row.LeaseUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(error is RetryLaterException ? 2 : Math.Pow(4, Math.Max(1, row.Attempts)));
        await db.SaveChangesAsync(ct);
        if (row.State == InboxState.Failed)
            await journal.WriteAsync(EventLevel.Error, EventSources.Webhooks,
                MessagePathEvents.UpdateFailed(row.ExternalId, row.Attempts, error.Message), $"bot {row.BotId}", ct: ct,
                about: EventLinks.Bot(row.BotId));
    }

    private static bool IsTheUpdatesFault(Exception error) =>
        error is not (RetryLaterException or System.Data.Common.DbException or DbUpdateException or IOException or TimeoutException)
        && error.InnerException is not System.Data.Common.DbException;
}

/// <summary>The update refers to something that is not stored yet (e.g. a delivery report that overtook our own
/// record of the send): process it again shortly, without counting it as broken.</summary>
public sealed class RetryLaterException(string message) : Exception(message);
