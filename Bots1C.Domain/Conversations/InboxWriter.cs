using System.Threading.Channels;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Conversations;

public sealed record IncomingUpdate(long BotId, string ExternalId, string ChatKey, byte[] Payload, InboxState State);

/// <summary>
/// Appends webhook updates to the inbox with group commit: one writer takes whatever requests are waiting,
/// stores them in one transaction, then lets each request answer. A request is acknowledged only after its
/// row is committed; a re-delivered update is recognised by (bot, external id) and stored once.
/// </summary>
public sealed class InboxWriter(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    InboxSignal inboxSignal,
    TimeProvider clock,
    ILogger<InboxWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes when the update is durably stored (or was already).</summary>
    public async Task AppendAsync(IncomingUpdate update, CancellationToken ct)
    {
        var pending = new Pending(update, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                await StoreAsync(batch, stoppingToken);
                batch.ForEach(p => p.Stored.TrySetResult());
                inboxSignal.Signal();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not store {Count} incoming update(s)", batch.Count);
                batch.ForEach(p => p.Stored.TrySetException(e));
            }
        }
    }

    private async Task StoreAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var fresh = new List<InboxUpdate>(batch.Count);
        foreach (var byBot in batch.Select(p => p.Update).GroupBy(u => u.BotId))
        {
            var ids = byBot.Select(u => u.ExternalId).Distinct().ToList();
            var known = (await db.Inbox.Where(i => i.BotId == byBot.Key && ids.Contains(i.ExternalId))
                .Select(i => i.ExternalId).ToListAsync(ct)).ToHashSet();
            foreach (var update in byBot.DistinctBy(u => u.ExternalId).Where(u => !known.Contains(u.ExternalId)))
                fresh.Add(new InboxUpdate
                {
                    BotId = update.BotId,
                    ExternalId = update.ExternalId,
                    ChatKey = update.ChatKey,
                    Payload = update.Payload,
                    ReceivedAt = now,
                    State = update.State,
                });
        }
        if (fresh.Count == 0)
            return;
        db.Inbox.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance stored one of these between our check and our insert: fall back to one at a time.
            db.ChangeTracker.Clear();
            foreach (var row in fresh)
                await InsertIgnoringDuplicateAsync(row, ct);
        }
    }

    private async Task InsertIgnoringDuplicateAsync(InboxUpdate row, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        row.Id = 0;
        db.Inbox.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Inbox.AnyAsync(i => i.BotId == row.BotId && i.ExternalId == row.ExternalId, ct))
                throw;
        }
    }

    private sealed record Pending(IncomingUpdate Update, TaskCompletionSource Stored);
}
