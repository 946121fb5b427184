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
/// Delivers the outbox through the bots' adapters. It owns every guard: pacing, the messenger's
/// retry_after, backoff on 5xx and timeouts, giving up on permanent refusals, and marking contacts who
/// blocked the bot. Adapters only transport.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IServiceProvider services,
    BotDirectory directory,
    SendPacer pacer,
    Files.FileLinks fileLinks,
    ConversationNotifier notifier,
    OutboxSignal signal,
    EventJournal journal,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                wait = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox dispatch failed; retrying shortly");
            }
            if (wait > TimeSpan.Zero)
                await signal.WaitAsync(wait, clock, stoppingToken);
        }
    }

    /// <summary>Sends what is due; returns how long until the next item falls due (at most the poll interval).</summary>
    private async Task<TimeSpan> DispatchDueAsync(CancellationToken ct)
    {
        var claim = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Due, not held by anyone, and nothing earlier for the same chat still waiting: a message that must wait
        // (retry_after, backoff) holds back the ones after it, so a chat never sees them out of order.
        var claimed = await db.Outbox
            .Where(o => o.State == OutboxState.Pending && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .Where(o => !db.Outbox.Any(e => e.State == OutboxState.Pending && e.BotId == o.BotId && e.ChatId == o.ChatId
                                            && e.Id < o.Id && e.NextAttemptAt > now))
            .OrderBy(o => o.Id).Take(BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, claim).SetProperty(o => o.LeaseUntil, now + Lease), ct);
        if (claimed > 0)
        {
            try
            {
                var items = await db.Outbox.AsNoTracking().Where(o => o.LeaseOwner == claim)
                    .OrderBy(o => o.Id).Select(o => new { o.Id, o.BotId, o.ChatId }).ToListAsync(ct);
                var chats = items.GroupBy(i => (i.BotId, i.ChatId)).Select(g => g.Select(i => i.Id).ToList());
                await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                    async (ids, _) => await DeliverChatAsync(ids, ct));
            }
            finally
            {
                // On shutdown (or a failure) what we did not finish goes back at once, not after the lease.
                await ReleaseAsync(claim);
            }
            return TimeSpan.Zero; // there may be more
        }
        // The next moment something can go: a due time, or the end of another worker's (or a dead one's) lease.
        var next = await db.Outbox.Where(o => o.State == OutboxState.Pending)
            .Select(o => o.LeaseUntil != null && o.LeaseUntil > o.NextAttemptAt ? o.LeaseUntil.Value : o.NextAttemptAt)
            .OrderBy(t => t).Select(t => (DateTimeOffset?)t).FirstOrDefaultAsync(ct);
        return next is { } due ? Clamp(due - now) : Poll;
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > Poll ? Poll : wait;

    /// <summary>One chat's items in order; if one must wait, the ones after it wait too (the claim query sees to
    /// that once they are released). A failure stays within its chat: other chats' sends are not interrupted.</summary>
    private async Task DeliverChatAsync(List<long> ids, CancellationToken ct)
    {
        try
        {
            foreach (var id in ids)
                if (!await DeliverAsync(id, ct))
                    return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Delivery to one chat failed; its messages will be tried again");
        }
    }

    /// <summary>Returns false when this chat must wait before anything else is sent to it.</summary>
    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Outbox.Include(o => o.Message).ThenInclude(m => m!.StoredFile).FirstAsync(o => o.Id == id, ct);
        var bot = await directory.FindByIdAsync(item.BotId, ct);
        if (bot is null || bot.State != BotState.Active)
        {
            await FailAsync(db, item, "The bot is disabled or marked for deletion.", ct);
            return true;
        }
        var contact = await ContactOfAsync(db, item, ct);
        if (contact is { IsBlocked: true } && item.Kind == OutboxKind.Message)
        {
            await FailAsync(db, item, "The contact has blocked the bot.", ct);
            return true;
        }

        // An answer to a button press is not a chat message: it must not use up the chat's sending slot, or the
        // reply the press leads to would wait behind it.
        var wait = item.Kind == OutboxKind.CallbackAnswer ? TimeSpan.Zero : pacer.Reserve(bot.Messenger, bot.Id, item.ChatId);
        if (wait > TimeSpan.Zero)
        {
            await PostponeAsync(db, item, wait, ct);
            return false;
        }

        var adapter = services.GetRequiredKeyedService<IChannelAdapter>(bot.Messenger);
        SendResult result;
        try
        {
            result = await adapter.SendAsync(bot.Credentials, ToOutgoing(item, bot), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = SendResult.Transient(e.Message);
        }
        return await ApplyAsync(db, item, contact, result, ct);
    }

    private async Task<bool> ApplyAsync(Bots1CDbContext db, OutboxItem item, Contact? contact, SendResult result, CancellationToken ct)
    {
        item.Attempts++;
        item.LastError = result.Reason;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                item.State = OutboxState.Done;
                item.LeaseOwner = null;
                if (item.Message is { } sent)
                {
                    sent.DeliveryState = DeliveryState.Sent;
                    sent.ExternalMessageId = result.ExternalMessageId;
                    sent.MessengerAt = clock.GetUtcNow();
                }
                await SaveAndNotifyAsync(db, item, ct);
                return true;
            case not SendOutcome.Sent when item.Kind == OutboxKind.CallbackAnswer:
                // The spinner on the customer's button stops by itself within seconds, so a late answer is worthless,
                // and retrying it would hold back the chat's real messages (the next scenario step) behind it.
                await FailAsync(db, item, result.Reason ?? result.Outcome.ToString(), ct);
                return true;
            case SendOutcome.RateLimited when item.Attempts < RetryPolicy.MaxAttempts:
                await PostponeAsync(db, item, result.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
                return false;
            case SendOutcome.Transient when item.Attempts < RetryPolicy.MaxTransientAttempts:
                await PostponeAsync(db, item, RetryPolicy.Backoff(item.Attempts, Random.Shared.NextDouble()), ct);
                return false;
            case SendOutcome.Blocked:
                if (contact is not null)
                    contact.IsBlocked = true;
                await FailAsync(db, item, result.Reason ?? "Blocked by the user.", ct);
                return true;
            default:
                await FailAsync(db, item, result.Reason ?? result.Outcome.ToString(), ct);
                return true;
        }
    }

    private async Task PostponeAsync(Bots1CDbContext db, OutboxItem item, TimeSpan wait, CancellationToken ct)
    {
        item.NextAttemptAt = clock.GetUtcNow() + wait;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
    }

    private async Task FailAsync(Bots1CDbContext db, OutboxItem item, string reason, CancellationToken ct)
    {
        item.State = OutboxState.Failed;
        item.LastError = reason;
        item.LeaseOwner = null;
        if (item.Message is { } failed)
        {
            failed.DeliveryState = DeliveryState.Failed;
            failed.FailureReason = reason;
        }
        await SaveAndNotifyAsync(db, item, ct);
        await journal.WriteAsync(EventLevel.Warning, EventSources.Delivery, "DeliveryFailed",
            $"A message to chat {item.ChatId} was not delivered: {reason}", $"bot {item.BotId}", ct: ct,
            about: new EventLinks(item.BotId, item.Message?.ConversationId));
    }

    private async Task SaveAndNotifyAsync(Bots1CDbContext db, OutboxItem item, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (item.Message is { } message)
            await notifier.PublishAsync(new ConversationEvent(item.BotId, message.ConversationId, message.Id, ConversationChange.DeliveryChanged));
    }

    private async Task ReleaseAsync(string claim)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Outbox.Where(o => o.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null),
                CancellationToken.None);
    }

    private static async Task<Contact?> ContactOfAsync(Bots1CDbContext db, OutboxItem item, CancellationToken ct) =>
        await db.Conversations.Where(c => c.BotId == item.BotId && c.ChatId == item.ChatId)
            .Select(c => c.Contact).FirstOrDefaultAsync(ct);

    private OutgoingMessage ToOutgoing(OutboxItem item, BotSnapshot bot) => item.Kind switch
    {
        OutboxKind.CallbackAnswer => new OutgoingMessage(item.ChatId, null) { CallbackAnswerId = item.CallbackId },
        _ => new OutgoingMessage(item.ChatId, item.Message!.Text)
        {
            Buttons = Outbox.ButtonsOf(item.Message),
            TrackingId = item.Message.Id.ToString(),
            File = item.Message.StoredFile is { } file
                ? new OutgoingFile(file.FileName, file.MimeType, file.Content, fileLinks.Url(bot.PublicBaseUrl, file.Id))
                : null,
        },
    };
}
