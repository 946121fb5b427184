using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;

namespace Bots1C.Domain.Operators;

/// <summary>
/// The bot's turn from a scenario an operator chose when returning a conversation to the bot: the same turn a customer's
/// message takes (re-link, hand over and route), implemented by <c>Turns/ConversationTurn</c>. An interface because the
/// turn uses the operators' side (routing), so the operators' side cannot name the turn.
/// </summary>
public interface IScenarioStart
{
    /// <summary>In the caller's unit of work; returns what changed, to announce after the caller's commit.</summary>
    Task<IReadOnlyList<RecordedChange>> StartAsync(Bots1CDbContext db, Conversation conversation, long scenarioId, CancellationToken ct);
}
