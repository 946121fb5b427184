using System.Collections.Concurrent;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
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
    ChannelAdapters adapters,
    AppInstance instance,
    BotCache cache,
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
    /// <summary>Also the bound on replies sent twice after a crash: at most one claimed batch is sent but not yet recorded.</summary>
    public const int BatchSize = 100;

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
        var claim = instance.NewClaim();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await ClaimAsync(db, claim, now, BatchSize, ct);
        if (claimed > 0)
        {
            await DeliverBatchAsync(db, claim, ct);
            return TimeSpan.Zero; // there may be more
        }
        // The next moment something can go: a due time, or the end of another worker's (or a dead one's) lease.
        var next = await db.Outbox.Where(o => o.State == OutboxState.Pending)
            .Select(o => o.LeaseUntil != null && o.LeaseUntil > o.NextAttemptAt ? o.LeaseUntil.Value : o.NextAttemptAt)
            .OrderBy(t => t).Select(t => (DateTimeOffset?)t).FirstOrDefaultAsync(ct);
        return next is { } due ? Clamp(due - now) : Poll;
    }

    /// <summary>
    /// Claims, in one statement, due items not held by anyone whose chat has nothing earlier still waiting or held: a
    /// message that must wait (retry_after, backoff) or that someone holds (another worker, or a process that died while
    /// sending it, until it is released or its lease ends) holds back the ones after it, so a chat never sees them out of
    /// order. The check walks the pending items' (bot, chat, id) index. On PostgreSQL, where several instances claim at
    /// once, the same rule runs under a lock so each claim sees the ones before it (<see cref="PostgresClaims"/>).
    /// </summary>
    public static Task<int> ClaimAsync(Bots1CDbContext db, string claim, DateTimeOffset now, int batchSize, CancellationToken ct) =>
        db.Database.IsNpgsql() ? PostgresClaims.ClaimOutboxAsync(db, claim, now, Lease, batchSize, ct) : db.Outbox
            .Where(o => o.State == OutboxState.Pending && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .Where(o => !db.Outbox.Any(e => e.State == OutboxState.Pending && e.BotId == o.BotId && e.ChatId == o.ChatId && e.Id < o.Id
                                            && (e.NextAttemptAt > now || e.LeaseUntil >= now)))
            .OrderBy(o => o.Id).Take(batchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, claim).SetProperty(o => o.LeaseUntil, now + Lease), ct);

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > Poll ? Poll : wait;

    /// <summary>A chat's claimed items in order, and whether its contact has blocked the bot.</summary>
    private sealed record ChatItems(IReadOnlyList<OutboxItem> Items, Contact? Contact);

    /// <summary>
    /// Delivers one claimed batch: two reads for everything it needs (the items with their messages, the chats'
    /// contacts; a file's content is read just before its send), the sends (chats in parallel, each chat in order), then one transaction recording every
    /// result. SQLite has one writer and every commit waits for an fsync, so a commit per message was the ceiling
    /// (docs/benchmarks.md, reply); the inbox writer and the processor group their writes the same way.
    /// At least once: a crash between a send and the batch's commit leaves that item claimed but unrecorded, and it
    /// is sent again when its lease runs out (before, only the one message in flight could be; now the batch's
    /// sent-but-unrecorded ones can). Telegram and Viber have no idempotency key for sends, so that is the price.
    /// </summary>
    private async Task DeliverBatchAsync(Bots1CDbContext db, string claim, CancellationToken ct)
    {
        var decisions = new ConcurrentQueue<DeliveryDecision>();
        var recorded = false;
        try
        {
            // Tracked: the decisions are applied to these rows and saved together. Not the files: a batch of 100
            // messages with 20 MB attachments would hold 2 GB; each file is read when its turn to be sent comes.
            var items = await db.Outbox.Where(o => o.LeaseOwner == claim && o.State == OutboxState.Pending)
                .Include(o => o.Message)
                .OrderBy(o => o.Id).ToListAsync(ct);
            var contacts = await ContactsOfAsync(db, items, ct);
            var chats = items.GroupBy(i => (i.BotId, i.ChatId))
                .Select(g => new ChatItems(g.ToList(), g.First().Message is { } m ? contacts.GetValueOrDefault(m.ConversationId) : null))
                .ToList();
            try
            {
                await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                    async (chat, _) => await DeliverChatAsync(chat, decisions, ct));
            }
            finally
            {
                // Even when stopping: what was sent is recorded, so it is not sent again after the restart.
                await RecordAsync(db, claim, chats, decisions);
                recorded = true;
            }
        }
        finally
        {
            // Recording failed (or never began): what we hold goes back at once, not after the lease. Sent items
            // among them will be sent again (at least once, see above).
            if (!recorded)
                await ReleaseAsync(claim);
        }
        await PublishAsync(decisions);
    }

    /// <summary>The contacts of the batch's dialogs in one query, by the messages' conversations (primary keys).
    /// A callback answer has no message and needs no contact: it is never held back by a block.</summary>
    private static async Task<Dictionary<long, Contact?>> ContactsOfAsync(Bots1CDbContext db, List<OutboxItem> items, CancellationToken ct)
    {
        var conversationIds = items.Where(i => i.Message is not null).Select(i => i.Message!.ConversationId).Distinct().ToList();
        if (conversationIds.Count == 0)
            return [];
        var rows = await db.Conversations.Where(c => conversationIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Contact }).ToListAsync(ct); // the contacts are tracked: a 403 marks them blocked
        return rows.ToDictionary(r => r.Id, r => (Contact?)r.Contact);
    }

    /// <summary>One chat's items in order. A decision to wait stops the chat: its later items stay claimed but
    /// undecided and go back with the batch's release, and the claim query holds them back until the wait is over.
    /// A failure stays within its chat: other chats' sends are not interrupted.</summary>
    private async Task DeliverChatAsync(ChatItems chat, ConcurrentQueue<DeliveryDecision> decisions, CancellationToken ct)
    {
        var blocked = chat.Contact is { IsBlocked: true };
        try
        {
            foreach (var item in chat.Items)
            {
                var decision = await DecideAsync(item, blocked, ct);
                decisions.Enqueue(decision);
                if (decision is DeliveryDecision.Waits)
                    return;
                // Later messages of this batch to the same chat see the block at once, as if re-read from the database.
                if (decision is DeliveryDecision.GivenUp { BlockedBot: true } && chat.Contact is not null)
                    blocked = true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Delivery to one chat failed; its messages will be tried again");
        }
    }

    /// <summary>Sends one item, or decides without sending. Reads the item; changes nothing (see <see cref="DeliveryDecision.Apply"/>).</summary>
    private async Task<DeliveryDecision> DecideAsync(OutboxItem item, bool contactBlocked, CancellationToken ct)
    {
        var bot = await cache.FindByIdAsync(item.BotId, ct);
        if (bot is null || bot.State != BotState.Active)
            return new DeliveryDecision.GivenUp(item, "The bot is disabled or marked for deletion.");
        if (contactBlocked && item.Kind == OutboxKind.Message)
            return new DeliveryDecision.GivenUp(item, "The contact has blocked the bot.");

        // An answer to a button press is not a chat message: it must not use up the chat's sending slot, or the
        // reply the press leads to would wait behind it.
        var wait = item.Kind == OutboxKind.CallbackAnswer ? TimeSpan.Zero : pacer.Reserve(bot.Messenger, bot.Id, item.ChatId);
        if (wait > TimeSpan.Zero)
            return new DeliveryDecision.Waits(item, clock.GetUtcNow() + wait);

        var adapter = adapters.For(bot.Messenger);
        SendResult result;
        try
        {
            result = await adapter.SendAsync(bot.Credentials, ToOutgoing(item, bot, await FileOfAsync(item, ct)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = SendResult.Transient(e.Message);
        }
        return DeliveryDecision.After(item, result, clock.GetUtcNow(), Random.Shared.NextDouble());
    }

    /// <summary>
    /// Records every decision of the batch and gives back the items nobody decided (held back behind a wait in their
    /// chat, or their chat failed): one transaction, one fsync. Runs after the sends, on one thread, so the batch's
    /// unit of work is never used from two threads. Not cancellable: stopping must not lose what was already sent.
    /// </summary>
    private static async Task RecordAsync(Bots1CDbContext db, string claim, List<ChatItems> chats, ConcurrentQueue<DeliveryDecision> decisions)
    {
        var contactOf = chats.SelectMany(c => c.Items.Select(i => (i, c.Contact))).ToDictionary(p => p.i, p => p.Contact);
        foreach (var decision in decisions)
            decision.Apply(contactOf[decision.Item]);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await ReleaseClaimAsync(db, claim);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Screens and the event log hear about delivery states only once they are committed, so a screen that
    /// re-reads on the event sees them.</summary>
    private async Task PublishAsync(IEnumerable<DeliveryDecision> decisions)
    {
        foreach (var decision in decisions.Where(d => d.ChangesDeliveryState))
            await notifier.PublishAsync(new ConversationEvent(decision.Item.BotId, decision.Item.Message!.ConversationId,
                decision.Item.Message.Id, ConversationChange.DeliveryChanged));
        // Failures are rare (a blocked bot, a refused message): one event log entry each, as before.
        foreach (var failed in decisions.OfType<DeliveryDecision.GivenUp>())
            await journal.WriteAsync(EventLevel.Warning, EventSources.Delivery,
                MessagePathEvents.DeliveryFailed(failed.Item.ChatId, failed.Reason), $"bot {failed.Item.BotId}",
                about: new EventLinks(failed.Item.BotId, failed.Item.Message?.ConversationId));
    }

    private async Task ReleaseAsync(string claim)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await ReleaseClaimAsync(db, claim);
    }

    /// <summary>Gives back what is still claimed (decided items no longer carry the claim). By state first, so SQLite
    /// walks the pending rows' index instead of the whole outbox.</summary>
    private static Task<int> ReleaseClaimAsync(Bots1CDbContext db, string claim) =>
        db.Outbox.Where(o => o.State == OutboxState.Pending && o.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null),
                CancellationToken.None);

    /// <summary>The attachment of a file message, read on its own short unit of work (a read: it does not wait for the
    /// writer), so at most one file per parallel chat is in memory.</summary>
    private async Task<Files.StoredFile?> FileOfAsync(OutboxItem item, CancellationToken ct)
    {
        if (item.Message?.StoredFileId is not { } fileId)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
    }

    private OutgoingMessage ToOutgoing(OutboxItem item, BotSnapshot bot, Files.StoredFile? file) => item.Kind switch
    {
        OutboxKind.CallbackAnswer => new OutgoingMessage(item.ChatId, null) { CallbackAnswerId = item.CallbackId },
        OutboxKind.InviteAgent => new OutgoingMessage(item.ChatId, null) { InviteAgent = true },
        _ => new OutgoingMessage(item.ChatId, item.Message!.Text)
        {
            Buttons = Outbox.ButtonsOf(item.Message),
            TrackingId = item.Message.Id.ToString(),
            File = file is not null
                ? new OutgoingFile(file.FileName, file.MimeType, file.Content, fileLinks.Url(bot.PublicBaseUrl, file.Id))
                : null,
        },
    };
}
