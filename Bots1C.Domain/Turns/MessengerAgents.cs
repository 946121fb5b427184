using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Operators;

namespace Bots1C.Domain.Turns;

/// <summary>
/// A messenger with live agents of its own (JivoChat): with the bot's setting "hand over to the messenger's agents" on,
/// a scenario's hand-over invites them (INVITE_AGENT, through the outbox after the bot's last reply) and the conversation
/// closes here instead of waiting for our operators; what those agents do comes back as events in the conversation, and
/// "no agent can take it" hands the conversation to our operators after all. All in the caller's unit of work.
/// </summary>
public sealed class MessengerAgents(BotCache bots, ChannelAdapters adapters, HandOverRouter router, TimeProvider clock)
{
    /// <summary>The inbound kinds that are about the messenger's agents rather than said by the customer.</summary>
    public static bool Handles(InboundKind kind) =>
        kind is InboundKind.AgentJoined or InboundKind.AgentMessage or InboundKind.AgentsUnavailable or InboundKind.ChatClosed;

    /// <summary>A scenario just handed the conversation over: to the messenger's agents when the bot says so, else null
    /// (our operators take it, <see cref="ConversationTurn"/>).</summary>
    public async Task<IReadOnlyList<RecordedChange>?> TryHandOverAsync(Bots1CDbContext db, Conversation conversation, CancellationToken ct)
    {
        if (await bots.FindByIdAsync(conversation.BotId, ct) is not { Credentials.HandOverToMessengerAgents: true } bot
            || adapters.TraitsOf(bot.Messenger) is not { HasOwnAgents: true })
            return null;
        var now = clock.GetUtcNow();
        if (ConversationStates.HandToMessengerAgents(conversation, now) != StateChange.Made)
            return null;
        var handed = ConversationControl.AddEvent(db, conversation, ConversationEventCodes.HandedToMessengerAgents, null, bot.Messenger.ToString(), now);
        Outbox.StageInviteAgent(db, conversation, handed, now);
        return [Added(conversation, handed), Changed(conversation)];
    }

    /// <summary>What the messenger says about its agents, as events in the conversation.</summary>
    public async Task<IReadOnlyList<RecordedChange>> RecordAsync(Bots1CDbContext db, Conversation conversation, InboundEvent e, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (e.Kind)
        {
            case InboundKind.AgentJoined:
                return [Added(conversation, Event(db, conversation, ConversationEventCodes.MessengerAgentJoined, e.AgentName, null, now))];
            case InboundKind.AgentMessage:
                return [Added(conversation, Event(db, conversation, ConversationEventCodes.MessengerAgentWrote, e.AgentName, e.Text, now))];
            case InboundKind.ChatClosed:
                var closed = ConversationStates.CloseInMessenger(conversation, now) == StateChange.Made;
                return [Added(conversation, Event(db, conversation, ConversationEventCodes.ClosedInMessenger, null, null, now)),
                    .. closed ? [Changed(conversation)] : Array.Empty<RecordedChange>()];
            default: // AgentsUnavailable
                var unavailable = Added(conversation, Event(db, conversation, ConversationEventCodes.MessengerAgentsUnavailable, null, null, now));
                if (ConversationStates.HandBackFromMessengerAgents(conversation) != StateChange.Made)
                    return [unavailable];
                // The normal hand-over from here: the counterparty's main manager when online, else it waits for anyone.
                if (await router.RouteAsync(db, conversation, ct) is { } assigned)
                    return [unavailable, Added(conversation, assigned), Changed(conversation)];
                return [unavailable, new(conversation.BotId, conversation, null, ConversationChange.WaitingStarted), Changed(conversation)];
        }
    }

    /// <summary>The event's detail is at most 256 characters (its column): an agent's long message is cut.</summary>
    private static Message Event(Bots1CDbContext db, Conversation conversation, string code, string? agent, string? detail, DateTimeOffset now)
    {
        var message = ConversationControl.AddEvent(db, conversation, code, null, detail is { Length: > 256 } ? detail[..255] + "…" : detail, now);
        message.Author = agent;
        return message;
    }

    private static RecordedChange Added(Conversation c, Message m) => new(c.BotId, c, m, ConversationChange.MessageAdded);

    private static RecordedChange Changed(Conversation c) => new(c.BotId, c, null, ConversationChange.ConversationChanged);
}
