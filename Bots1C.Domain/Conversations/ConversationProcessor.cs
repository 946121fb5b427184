using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// Takes stored updates out of the inbox and records what they mean. Updates of one chat are handled in
/// arrival order, different chats in parallel. Rows are claimed with a lease, so after a crash (or on a
/// second instance) unfinished rows are picked up again once the lease runs out.
/// </summary>
public sealed class ConversationProcessor(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IServiceProvider services,
    BotDirectory directory,
    ConversationRecorder recorder,
    ConversationNotifier notifier,
    InboxSignal inboxSignal,
    OutboxSignal outboxSignal,
    Scenarios.ScenarioCallSignal callSignal,
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
        var claim = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.Inbox
            .Where(i => i.State == InboxState.Pending && (i.LeaseUntil == null || i.LeaseUntil < now))
            .OrderBy(i => i.Id).Take(BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, claim).SetProperty(i => i.LeaseUntil, now + Lease), ct);
        if (claimed == 0)
            return 0;

        var ids = await db.Inbox.AsNoTracking()
            .Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending)
            .OrderBy(i => i.Id)
            .Select(i => i.Id)
            .ToListAsync(ct);
        // One transaction for the whole batch: SQLite has one writer, so parallel small commits only queue up.
        // Arrival order (Id) keeps each chat's updates in order. If anything in the batch fails, redo it row by
        // row so one broken update cannot hold up the others.
        try
        {
            if (!await ProcessTogetherAsync(ids, ct))
                foreach (var id in ids)
                    await ProcessTogetherAsync([id], ct, recordFailure: true);
        }
        finally
        {
            // On shutdown what we did not get to goes back at once, not after the lease.
            await db.Inbox.Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null),
                    CancellationToken.None);
        }
        return ids.Count;
    }

    private async Task<bool> ProcessTogetherAsync(IReadOnlyList<long> ids, CancellationToken ct, bool recordFailure = false)
    {
        var changes = new List<RecordedChange>();
        var unreadable = new List<(InboxUpdate Row, BotSnapshot Bot)>();
        var session = new ConversationRecorder.Session();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Inbox.Where(i => ids.Contains(i.Id) && i.State == InboxState.Pending).OrderBy(i => i.Id).ToListAsync(ct);
            var putOff = new HashSet<(long, string)>(); // chats whose earlier row in this batch waits: the later ones wait too
            foreach (var row in rows)
            {
                var bot = await directory.FindByIdAsync(row.BotId, ct)
                    ?? throw new InvalidOperationException($"Bot {row.BotId} no longer exists.");
                if (Parse(bot, row) is not { } events)
                {
                    unreadable.Add((row, bot));
                    continue;
                }
                if (putOff.Contains((row.BotId, row.ChatKey))
                    || await recorder.WaitsForCallAsync(db, session, bot.Id, events, ct) || await FollowsAWaitingRowAsync(db, row, ids, ct))
                {
                    putOff.Add((row.BotId, row.ChatKey));
                    // Looked at again once the call worker is done (it clears the wait), or after a second at the latest.
                    row.LeaseOwner = null;
                    row.LeaseUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(1);
                    _waitingChats[(row.BotId, row.ChatKey)] = true;
                    continue;
                }
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
            await throttledJournal.WriteAsync(EventSources.Webhooks, "UpdateUnreadable", $"bot {bot.Id}",
                $"Update {row.ExternalId} was kept but not processed: {row.Error}", bot.Credentials.Name, bot.Id, ct);
        foreach (var change in changes)
            await notifier.PublishAsync(change.ToEvent());
        outboxSignal.Signal(); // a button press queues its callback answer
        if (session.HasPendingCalls)
            callSignal.Signal();
        return true;
    }

    /// <summary>The update's events, or null when the messenger could not have sent it: then the row is kept as ignored
    /// with the reason, never retried (the same bytes fail the same way) and never silently marked done.</summary>
    private IReadOnlyList<InboundEvent>? Parse(BotSnapshot bot, InboxUpdate row)
    {
        try
        {
            return services.GetRequiredKeyedService<IChannelAdapter>(bot.Messenger).Parse(row.Payload);
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

    /// <summary>Chats with a row put off for a scenario's call. A later row of such a chat must not overtake it (the
    /// call may finish while the put-off row still waits out its second); only these chats pay for the check.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long BotId, string ChatKey), bool> _waitingChats = new();

    private async Task<bool> FollowsAWaitingRowAsync(Bots1CDbContext db, InboxUpdate row, IReadOnlyList<long> batch, CancellationToken ct)
    {
        var chat = (row.BotId, row.ChatKey);
        if (!_waitingChats.ContainsKey(chat))
            return false;
        if (await db.Inbox.AnyAsync(i => i.BotId == row.BotId && i.ChatKey == row.ChatKey && i.State == InboxState.Pending
                && i.Id < row.Id && !batch.Contains(i.Id), ct))
            return true;
        _waitingChats.TryRemove(chat, out _);
        return false;
    }

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
            await journal.WriteAsync(EventLevel.Error, EventSources.Webhooks, "UpdateFailed",
                $"Update {row.ExternalId} could not be processed after {row.Attempts} attempts: {error.Message}", $"bot {row.BotId}", ct: ct,
                about: EventLinks.Bot(row.BotId));
    }

    private static bool IsTheUpdatesFault(Exception error) =>
        error is not (RetryLaterException or System.Data.Common.DbException or DbUpdateException or IOException or TimeoutException)
        && error.InnerException is not System.Data.Common.DbException;
}

/// <summary>The update refers to something that is not stored yet (e.g. a delivery report that overtook our own
/// record of the send): process it again shortly, without counting it as broken.</summary>
public sealed class RetryLaterException(string message) : Exception(message);
