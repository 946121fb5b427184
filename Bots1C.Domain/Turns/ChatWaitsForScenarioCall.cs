using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Turns;

/// <summary>
/// Order within a chat while a scenario's HTTP request runs (docs/architecture.md, "Order within a chat"). The request is
/// performed outside the message batches, so the scenario is not at its next step yet: the chat's updates must wait for it,
/// or they would be answered out of order. A conversation with a pending call (<see cref="Conversation.PendingCallJson"/>)
/// holds its chat: the processor puts the chat's updates off (<see cref="PutOffAsync"/>), and the call worker lets them go
/// the moment the scenario has gone on (<see cref="ReleaseAsync"/>).
/// </summary>
public sealed class ChatWaitsForScenarioCall(ConversationRecorder recorder, ScenarioCallSignal callSignal, InboxSignal inboxSignal,
    TimeProvider clock)
{
    /// <summary>A put-off update is looked at again this soon at the latest (the release usually comes first).</summary>
    public static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(1);

    /// <summary>The chats put off in one processor batch: once a chat's row waits, its later rows in the batch wait too.</summary>
    public sealed class Batch
    {
        internal HashSet<(long BotId, string ChatKey)> PutOff { get; } = [];
    }

    /// <summary>True when the row must wait for its chat's call; it is then left unclaimed until
    /// <see cref="LookAgainAfter"/>, and until then it holds its chat (the processor's claim leaves later rows out).</summary>
    public async Task<bool> PutOffAsync(Bots1CDbContext db, ConversationRecorder.Session session, Batch batch, InboxUpdate row,
        IReadOnlyList<InboundEvent> events, CancellationToken ct)
    {
        if (!batch.PutOff.Contains((row.BotId, row.ChatKey)) && !await WaitsForCallAsync(db, session, row.BotId, events, ct))
            return false;
        batch.PutOff.Add((row.BotId, row.ChatKey));
        row.LeaseOwner = null;
        row.LeaseUntil = clock.GetUtcNow() + LookAgainAfter;
        return true;
    }

    private async Task<bool> WaitsForCallAsync(Bots1CDbContext db, ConversationRecorder.Session session, long botId,
        IReadOnlyList<InboundEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Sender is not null && e.ChatId == e.Sender.ExternalUserId && e.Kind is not (InboundKind.DeliveryStatus or InboundKind.WebhookConfirmed)
                && (await recorder.ConversationOfAsync(db, session, botId, e, ct)).PendingCallJson is not null)
                return true;
        return false;
    }

    /// <summary>After a batch is committed: a scenario of it left a request, so the call worker has work.</summary>
    public void CallsLeftBy(ConversationRecorder.Session session)
    {
        if (session.HasPendingCalls)
            callSignal.Signal();
    }

    /// <summary>After the call worker committed the scenario's next turn: the chat's updates that waited may go now (or the
    /// scenario went on into another request, which the worker takes next).</summary>
    public async Task ReleaseAsync(Bots1CDbContext db, Conversation conversation, CancellationToken ct)
    {
        await db.Inbox.Where(i => i.BotId == conversation.BotId && i.ChatKey == conversation.ChatId && i.State == InboxState.Pending && i.LeaseOwner == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null), ct);
        inboxSignal.Signal();
        if (conversation.PendingCallJson is not null)
            callSignal.Signal();
    }
}
