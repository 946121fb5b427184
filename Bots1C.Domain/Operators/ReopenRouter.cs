using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Operators;

/// <summary>
/// Who answers a customer writing in a closed dialog. Soon after an operator closed it (within
/// <see cref="OperatorOptions.ReopenToOperatorMinutes"/>) the customer is most likely still talking to that person, so it
/// goes back to them when they are online, else it waits for anyone; later, or when nobody had it, the bot answers as usual.
/// </summary>
public sealed class ReopenRouter(OperatorPresence presence, IOptions<OperatorOptions> options, TimeProvider clock)
{
    /// <summary>Inside the caller's unit of work; opens the dialog and returns the events it added (none: it was not closed):
    /// "reopened", then where it went when it went back to its operator or waits for them.</summary>
    public async Task<IReadOnlyList<Message>> ReopenAsync(Bots1CDbContext db, Conversation conversation, CancellationToken ct)
    {
        if (!conversation.IsClosed)
            return [];
        var now = clock.GetUtcNow();
        var within = TimeSpan.FromMinutes(Math.Max(0, options.Value.ReopenToOperatorMinutes));
        var (closedFrom, closedAt) = (conversation.ClosedFromUserId, conversation.ClosedAt);
        var person = within > TimeSpan.Zero && closedFrom is not null && closedAt is not null && now - closedAt <= within
            ? await db.ActiveOperators(now).Where(u => u.Id == closedFrom).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        if (person is null)
        {
            ConversationStates.Reopen(conversation);
            return [ConversationControl.AddEvent(db, conversation, ConversationEventCodes.Reopened, null, null, now)];
        }
        var reopened = ConversationControl.AddEvent(db, conversation, ConversationEventCodes.Reopened, null, null, now);
        if (presence.IsOnline(closedFrom!))
        {
            ConversationStates.ReopenToOperator(conversation, closedFrom!, now);
            return [reopened, ConversationControl.AddEvent(db, conversation, ConversationEventCodes.ReopenedToOperator, null, person, now)];
        }
        ConversationStates.ReopenWaiting(conversation);
        return [reopened, ConversationControl.AddEvent(db, conversation, ConversationEventCodes.ReopenedWaiting, null, person, now)];
    }
}
