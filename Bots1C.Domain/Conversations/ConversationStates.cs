using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Bots1C.Domain.Conversations;

/// <summary>Where a conversation stands, as its operators see it (read from <see cref="Conversation.Mode"/> and
/// <see cref="Conversation.IsClosed"/>; docs/architecture.md, "A conversation's states").</summary>
public enum ConversationState
{
    /// <summary>The bot's scenarios answer.</summary>
    WithBot,
    /// <summary>A scenario handed the dialog over; nobody has it yet and the bot is silent.</summary>
    WaitingForOperator,
    /// <summary>One person has it (<see cref="Conversation.AssignedUserId"/>); the bot is paused for them.</summary>
    WithOperator,
    /// <summary>An operator closed it; the customer's next message reopens it. The bot answers a closed dialog's customer.</summary>
    Closed,
}

/// <summary>What a transition did.</summary>
public enum StateChange
{
    Made,
    /// <summary>Another operator has the dialog: only they (or the idle return) may move it.</summary>
    HeldByOther,
    /// <summary>The dialog's state does not allow it (e.g. closing a closed dialog).</summary>
    NotFromThisState,
}

/// <summary>
/// Every change of a conversation's state (who answers, who has it, closed or not) — take over, hand over, route,
/// transfer, return to bot, close, reopen, idle return — and the only code that writes <see cref="Conversation.Mode"/>,
/// <see cref="Conversation.IsClosed"/>, <see cref="Conversation.ClosedAt"/>, <see cref="Conversation.ClosedFromUserId"/>,
/// <see cref="Conversation.AssignedUserId"/> and <see cref="Conversation.OperatorSince"/> (an architecture test holds that). So the combinations stay valid:
/// a closed dialog is the bot's and nobody's, a dialog someone has is with an operator, an open one has no closing time.
/// Each transition is written once, as column changes that apply to a tracked entity or to one UPDATE statement
/// (<see cref="TakeOverAsync"/>: of two simultaneous take-overs exactly one changes the row).
/// </summary>
public static class ConversationStates
{
    public static ConversationState Of(Conversation c) => c.IsClosed ? ConversationState.Closed : c.Mode switch
    {
        ConversationMode.WaitingForOperator => ConversationState.WaitingForOperator,
        ConversationMode.WithOperator => ConversationState.WithOperator,
        _ => ConversationState.WithBot,
    };

    /// <summary>Someone other than <paramref name="userId"/> has the dialog.</summary>
    public static bool IsHeldByOther(Conversation c, string userId) => c.AssignedUserId is { } holder && holder != userId;

    /// <summary>The rows <paramref name="userId"/> may take over: nobody else has them (the condition of the UPDATE).</summary>
    public static Expression<Func<Conversation, bool>> TakeableBy(string userId) =>
        c => c.AssignedUserId == null || c.AssignedUserId == userId;

    /// <summary>An operator takes the dialog, from any state, unless another person has it; it opens, and the bot's
    /// half-asked question is dropped (it no longer applies once a person answers).</summary>
    public static StateChange TakeOver(Conversation c, string userId, DateTimeOffset now)
    {
        if (IsHeldByOther(c, userId))
            return StateChange.HeldByOther;
        TakingOver(new EntityColumns(c), userId, now);
        return StateChange.Made;
    }

    /// <summary>The same take-over as one conditional UPDATE: returns how many rows it changed (0 when another person
    /// has the dialog, or took it a moment earlier — the database decides who came first).</summary>
    public static Task<int> TakeOverAsync(IQueryable<Conversation> conversations, string userId, DateTimeOffset now, CancellationToken ct) =>
        conversations.Where(TakeableBy(userId)).ExecuteUpdateAsync(s => TakingOver(new UpdateColumns(s), userId, now), ct);

    private static void TakingOver(IColumns c, string userId, DateTimeOffset now) => c
        .Set(x => x.AssignedUserId, userId)
        .Set(x => x.Mode, ConversationMode.WithOperator)
        .Set(x => x.OperatorSince, now)
        .Set(x => x.IsClosed, false)
        .Set(x => x.ClosedAt, (DateTimeOffset?)null)
        .Set(x => x.ClosedFromUserId, (string?)null)
        .Set(x => x.ScenarioId, (long?)null)
        .Set(x => x.StepId, (string?)null)
        .Set(x => x.StepTries, 0)
        .Set(x => x.WaitingSince, (DateTimeOffset?)null);

    /// <summary>The scenario's word on who answers, after it ran: it hands the dialog over (a closed one opens, the
    /// customer was just told a person comes), or the customer left the queue for the menu. An operator's dialog
    /// stays theirs: the bot is paused there.</summary>
    public static StateChange FollowScenario(Conversation c, bool waitsForOperator)
    {
        if (c.Mode == ConversationMode.WithOperator)
            return StateChange.NotFromThisState;
        if (waitsForOperator)
            Open(new EntityColumns(c)).Set(x => x.Mode, ConversationMode.WaitingForOperator);
        else if (c.Mode == ConversationMode.WaitingForOperator)
            new EntityColumns(c).Set(x => x.Mode, ConversationMode.Bot);
        return StateChange.Made;
    }

    /// <summary>The dialog waits and nobody has it: <see cref="Route"/> may give it to someone.</summary>
    public static bool IsRoutable(Conversation c) => Of(c) == ConversationState.WaitingForOperator && c.AssignedUserId is null;

    /// <summary>A waiting dialog goes to the counterparty's main manager (<see cref="HandOverRouter"/>).</summary>
    public static StateChange Route(Conversation c, string managerUserId, DateTimeOffset now)
    {
        if (!IsRoutable(c))
            return StateChange.NotFromThisState;
        Assign(new EntityColumns(c), managerUserId, now);
        return StateChange.Made;
    }

    /// <summary>Whoever has the dialog (or anyone, while nobody has it) gives it to another person; a closed one opens.</summary>
    public static StateChange Transfer(Conversation c, string byUserId, string toUserId, DateTimeOffset now)
    {
        if (IsHeldByOther(c, byUserId))
            return StateChange.HeldByOther;
        Assign(Open(new EntityColumns(c)), toUserId, now);
        return StateChange.Made;
    }

    /// <summary>The bot answers again. A closed dialog stays closed (an operator may still start a scenario in it).</summary>
    public static StateChange ReturnToBot(Conversation c, string byUserId)
    {
        if (IsHeldByOther(c, byUserId))
            return StateChange.HeldByOther;
        Release(new EntityColumns(c));
        return StateChange.Made;
    }

    /// <summary>Closes an open dialog: it goes back to the bot, and nobody has it.</summary>
    public static StateChange Close(Conversation c, string byUserId, DateTimeOffset now)
    {
        if (IsHeldByOther(c, byUserId))
            return StateChange.HeldByOther;
        if (c.IsClosed)
            return StateChange.NotFromThisState;
        var holder = c.AssignedUserId; // remembered: the customer writing again soon goes back to them
        Release(new EntityColumns(c)).Set(x => x.IsClosed, true).Set(x => x.ClosedAt, now).Set(x => x.ClosedFromUserId, holder);
        return StateChange.Made;
    }

    /// <summary>The customer wrote again soon after an operator closed their dialog, and that operator is online: it opens
    /// with them (<see cref="Operators.ReopenRouter"/>).</summary>
    public static StateChange ReopenToOperator(Conversation c, string userId, DateTimeOffset now)
    {
        if (!c.IsClosed)
            return StateChange.NotFromThisState;
        Assign(Open(new EntityColumns(c)), userId, now);
        return StateChange.Made;
    }

    /// <summary>The customer wrote again soon after an operator closed their dialog, and that operator is away: it opens
    /// and waits for anyone, the bot silent (<see cref="Operators.ReopenRouter"/>).</summary>
    public static StateChange ReopenWaiting(Conversation c)
    {
        if (!c.IsClosed)
            return StateChange.NotFromThisState;
        Open(new EntityColumns(c)).Set(x => x.Mode, ConversationMode.WaitingForOperator);
        return StateChange.Made;
    }

    /// <summary>The customer wrote in a closed dialog: it opens, with the bot.</summary>
    public static StateChange Reopen(Conversation c)
    {
        if (!c.IsClosed)
            return StateChange.NotFromThisState;
        Open(new EntityColumns(c));
        return StateChange.Made;
    }

    /// <summary>A scenario's hand-over went to the messenger's own agents (JivoChat, with the bot's setting on) instead of
    /// ours: the waiting dialog closes, so it is in nobody's queue here; Jivo's agents answer in Jivo.</summary>
    public static StateChange HandToMessengerAgents(Conversation c, DateTimeOffset now)
    {
        if (!IsRoutable(c))
            return StateChange.NotFromThisState;
        Release(new EntityColumns(c)).Set(x => x.IsClosed, true).Set(x => x.ClosedAt, now).Set(x => x.ClosedFromUserId, (string?)null);
        return StateChange.Made;
    }

    /// <summary>The messenger's agents cannot take the dialog (JivoChat AGENT_UNAVAILABLE): it waits for ours after all, as
    /// after a scenario's hand-over (a closed one opens). An operator's or an already waiting dialog stays as it is.</summary>
    public static StateChange HandBackFromMessengerAgents(Conversation c) =>
        Of(c) is ConversationState.Closed or ConversationState.WithBot ? FollowScenario(c, waitsForOperator: true) : StateChange.NotFromThisState;

    /// <summary>The messenger closed the chat (JivoChat CHAT_CLOSED): ours closes too, whoever has it, since nobody can
    /// answer in a chat the messenger closed.</summary>
    public static StateChange CloseInMessenger(Conversation c, DateTimeOffset now)
    {
        if (c.IsClosed)
            return StateChange.NotFromThisState;
        Release(new EntityColumns(c)).Set(x => x.IsClosed, true).Set(x => x.ClosedAt, now).Set(x => x.ClosedFromUserId, (string?)null);
        return StateChange.Made;
    }

    /// <summary>Nobody wrote in an operator's dialog for a while (<see cref="IdleConversationReturn"/>): the bot answers again.</summary>
    public static StateChange ReturnWhenIdle(Conversation c)
    {
        if (Of(c) != ConversationState.WithOperator)
            return StateChange.NotFromThisState;
        Release(new EntityColumns(c));
        return StateChange.Made;
    }

    private static IColumns Open(IColumns c) =>
        c.Set(x => x.IsClosed, false).Set(x => x.ClosedAt, (DateTimeOffset?)null).Set(x => x.ClosedFromUserId, (string?)null);

    private static IColumns Assign(IColumns c, string userId, DateTimeOffset now) => c
        .Set(x => x.Mode, ConversationMode.WithOperator).Set(x => x.AssignedUserId, userId).Set(x => x.OperatorSince, now);

    private static IColumns Release(IColumns c) => c
        .Set(x => x.Mode, ConversationMode.Bot).Set(x => x.AssignedUserId, (string?)null).Set(x => x.OperatorSince, (DateTimeOffset?)null);

    /// <summary>Where a transition writes its columns: a tracked entity, or the SET clause of an UPDATE statement. A
    /// transition lists its columns once, so the two ways cannot drift apart.</summary>
    private interface IColumns
    {
        IColumns Set<T>(Expression<Func<Conversation, T>> column, T value);
    }

    private sealed class EntityColumns(Conversation conversation) : IColumns
    {
        public IColumns Set<T>(Expression<Func<Conversation, T>> column, T value)
        {
            ((PropertyInfo)((MemberExpression)column.Body).Member).SetValue(conversation, value);
            return this;
        }
    }

    private sealed class UpdateColumns(UpdateSettersBuilder<Conversation> update) : IColumns
    {
        public IColumns Set<T>(Expression<Func<Conversation, T>> column, T value)
        {
            update.SetProperty(column, value);
            return this;
        }
    }
}
