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
/// row is committed; a re-delivered update is recognised by (bot, external id) and stored once — by the unique
/// key itself (INSERT … ON CONFLICT DO NOTHING), so it also holds between several app instances.
/// </summary>
public sealed class InboxWriter(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    InboxSignal inboxSignal,
    TimeProvider clock,
    ILogger<InboxWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;
    private InboxInsertCommand? _insert;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _storingSinceTicks = NotStoring;
    private volatile bool _lastStoreFailed;
    private const long NotStoring = long.MinValue;

    /// <summary>Since when the writer has been trying to commit its current batch; null while it waits for updates.</summary>
    public DateTimeOffset? StoringSince =>
        Interlocked.Read(ref _storingSinceTicks) is var ticks && ticks != NotStoring ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The last batch could not be stored (its requests were refused); cleared by the next batch stored.</summary>
    public bool LastStoreFailed => _lastStoreFailed;

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
            Interlocked.Exchange(ref _storingSinceTicks, clock.GetUtcNow().UtcTicks);
            try
            {
                await StoreAsync(batch, stoppingToken);
                _lastStoreFailed = false;
                batch.ForEach(p => p.Stored.TrySetResult());
                inboxSignal.Signal();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _lastStoreFailed = true;
                logger.LogError(e, "Could not store {Count} incoming update(s)", batch.Count);
                batch.ForEach(p => p.Stored.TrySetException(e));
            }
            finally
            {
                Interlocked.Exchange(ref _storingSinceTicks, NotStoring);
            }
        }
    }

    private async Task StoreAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _insert ??= new InboxInsertCommand(db);
        var now = clock.GetUtcNow();
        var rows = batch.Select(p => new InboxUpdate
        {
            BotId = p.Update.BotId,
            ExternalId = p.Update.ExternalId,
            ChatKey = p.Update.ChatKey,
            Payload = p.Update.Payload,
            ReceivedAt = now,
            State = p.Update.State,
        }).ToList();
        await _insert.ExecuteAsync(db, rows, ct);
    }

    private sealed record Pending(IncomingUpdate Update, TaskCompletionSource Stored);
}
