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
    EventJournal journal,
    TimeProvider clock,
    ILogger<ConversationProcessor> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const int BatchSize = 200;
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessBatchAsync(stoppingToken) > 0)
                    continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Inbox processing failed; retrying shortly");
            }
            await inboxSignal.WaitAsync(Poll, clock, stoppingToken);
        }
    }

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

        var rows = await db.Inbox.AsNoTracking()
            .Where(i => i.LeaseOwner == claim && i.State == InboxState.Pending)
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.BotId, i.ChatKey })
            .ToListAsync(ct);
        var chats = rows.GroupBy(r => (r.BotId, r.ChatKey)).Select(g => g.Select(r => r.Id).ToList());
        await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (ids, token) =>
            {
                foreach (var id in ids)
                    await ProcessOneAsync(id, token);
            });
        return rows.Count;
    }

    private async Task ProcessOneAsync(long id, CancellationToken ct)
    {
        List<ConversationEvent> changes;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
            try
            {
                var bot = await directory.FindByIdAsync(row.BotId, ct)
                    ?? throw new InvalidOperationException($"Bot {row.BotId} no longer exists.");
                var adapter = services.GetRequiredKeyedService<IChannelAdapter>(bot.Messenger);
                var events = adapter.Parse(row.Payload);
                row.State = InboxState.Processed;
                row.LeaseOwner = null;
                row.LeaseUntil = null;
                changes = await recorder.RecordAsync(db, bot.Id, events, ct); // saves the row's new state with the messages
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RecordFailureAsync(id, e, ct);
                return;
            }
        }
        foreach (var change in changes)
            await notifier.PublishAsync(change);
        outboxSignal.Signal(); // a button press queues its callback answer
    }

    private async Task RecordFailureAsync(long id, Exception error, CancellationToken ct)
    {
        logger.LogWarning(error, "Inbox update {Id} could not be processed", id);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
        row.Attempts++;
        row.Error = error.Message;
        row.LeaseOwner = null;
        // Try again later (the lease doubles as the "not before" time), and give up after a few attempts.
        row.LeaseUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Pow(4, row.Attempts));
        if (row.Attempts >= MaxAttempts)
            row.State = InboxState.Failed;
        await db.SaveChangesAsync(ct);
        if (row.State == InboxState.Failed)
            await journal.WriteAsync(EventLevel.Error, EventSources.Webhooks, "UpdateFailed",
                $"Update {row.ExternalId} could not be processed after {row.Attempts} attempts: {error.Message}", $"bot {row.BotId}", ct: ct);
    }
}
