using System.Text.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Turns;

/// <summary>Conversations with an HTTP request to perform.</summary>
public sealed class ScenarioCallSignal : WakeUpSignal;

/// <summary>
/// Performs scenario HTTP requests outside the message batches, several at once, then lets the scenario go on: the bot
/// takes its turn (<see cref="ConversationTurn"/>, the same as on a customer's message), committed together, and the chat's
/// waiting updates go (<see cref="ChatWaitsForScenarioCall"/>). Claimed with a lease, so a crash retries the call.
/// </summary>
public sealed class ScenarioCallWorker(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    ScenarioCallExecutor calls,
    ConversationTurn turn,
    ChatWaitsForScenarioCall chatWait,
    ConversationNotifier notifier,
    ScenarioCallSignal signal,
    InboxSignal inboxSignal,
    OutboxSignal outboxSignal,
    EventJournal journal,
    TimeProvider clock,
    ILogger<ScenarioCallWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    /// <summary>Longer than the longest step timeout (60 s), so a live worker never loses its claim.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    private const int Parallelism = 16;
    // Calls run side by side and each frees its slot when done: one slow service must not hold up the calls
    // claimed after it.
    private readonly SemaphoreSlim _slots = new(Parallelism, Parallelism);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.RunUntilStoppedAsync(RunDueAsync, Poll, clock, logger, "Scenario calls failed", stoppingToken);

    private async Task<int> RunDueAsync(CancellationToken ct)
    {
        var free = _slots.CurrentCount;
        if (free == 0)
            return 0; // a finishing call signals
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Conversations.AsNoTracking()
            .Where(c => c.PendingCallJson != null && (c.CallLeaseUntil == null || c.CallLeaseUntil < now))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(free).ToListAsync(ct);
        var started = 0;
        foreach (var id in due)
        {
            // The lease keeps this call from being claimed again while it runs (here or on another instance).
            if (await db.Conversations.Where(c => c.Id == id && c.PendingCallJson != null && (c.CallLeaseUntil == null || c.CallLeaseUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CallLeaseUntil, now + Lease), ct) != 1)
                continue;
            await _slots.WaitAsync(ct);
            started++;
            _ = Task.Run(async () =>
            {
                try
                {
                    await PerformAsync(id, ct);
                }
                finally
                {
                    _slots.Release();
                    signal.Signal();
                }
            }, CancellationToken.None);
        }
        return started;
    }

    private async Task PerformAsync(long conversationId, CancellationToken ct)
    {
        try
        {
            PendingCall call;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var json = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.PendingCallJson).FirstAsync(ct);
                call = JsonSerializer.Deserialize<PendingCall>(json!)!;
            }
            // No database work is open while the remote service thinks.
            var completed = await calls.CallHttpAsync(call.Http!, call.Results, ct);

            await using var work = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await work.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == conversationId, ct);
            var changes = await turn.ContinueAfterCallAsync(work, conversation, call, completed, ct);
            await work.SaveChangesAsync(ct);
            foreach (var change in changes)
                await notifier.PublishAsync(change.ToEvent());
            outboxSignal.Signal();
            await chatWait.ReleaseAsync(work, conversation, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or IOException)
        {
            // Our own storage had trouble (e.g. a moment of "database is locked"): keep the claim; when it runs out the
            // call is made again, so calls are at-least-once (docs/scenarios.md).
            logger.LogWarning(e, "Scenario call of conversation {Id} could not be saved; it will be tried again", conversationId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Scenario call of conversation {Id} failed", conversationId);
            await GiveUpAsync(conversationId, e, ct);
        }
    }

    /// <summary>Something other than the remote service failed (the service's own failures take the step's "failed"
    /// way): the conversation leaves the scenario, so its chat is not held up for good. If even that fails (the
    /// database is down), the claim runs out and the call is tried again.</summary>
    private async Task GiveUpAsync(long conversationId, Exception error, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.PendingCallJson, (string?)null).SetProperty(c => c.CallLeaseUntil, (DateTimeOffset?)null)
                .SetProperty(c => c.ScenarioId, (long?)null).SetProperty(c => c.StepId, (string?)null), ct);
            await journal.WriteAsync(EventLevel.Error, EventSources.Scenarios, ScenarioEvents.ScenarioFault(error), $"conversation {conversationId}", ct: ct,
                about: new EventLinks(ConversationId: conversationId));
            inboxSignal.Signal();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not release conversation {Id} after a failed call", conversationId);
        }
    }
}
