using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// What became of one outbox item in a batch. The dispatcher decides these while it sends (chats in parallel, touching
/// no database and no tracked entity), then records all of a batch's decisions in one transaction
/// (<see cref="Apply"/>), so a batch costs one commit instead of one per message.
/// </summary>
/// <param name="Item">The claimed row (tracked by the batch's unit of work; only <see cref="Apply"/> changes it).</param>
/// <param name="Attempt">The messenger's answer when the item was sent; null when it was decided without sending
/// (pacing, a disabled bot, a contact who blocked the bot). Only a real attempt counts towards the retry limits.</param>
public abstract record DeliveryDecision(OutboxItem Item, SendResult? Attempt)
{
    /// <summary>The messenger took it.</summary>
    public sealed record Sent(OutboxItem Item, SendResult Result, DateTimeOffset At) : DeliveryDecision(Item, Result);

    /// <summary>Not before <paramref name="Until"/> (pacing, retry_after, backoff). The chat's later items wait too.</summary>
    public sealed record Waits(OutboxItem Item, DateTimeOffset Until, SendResult? Attempt = null) : DeliveryDecision(Item, Attempt);

    /// <summary>Given up for good; <paramref name="BlockedBot"/> when the customer blocked the bot (the contact is marked).</summary>
    public sealed record GivenUp(OutboxItem Item, string Reason, SendResult? Attempt = null, bool BlockedBot = false)
        : DeliveryDecision(Item, Attempt);

    /// <summary>Whether screens must hear about it: the message's delivery state changes (a wait does not change it).</summary>
    public bool ChangesDeliveryState => this is not Waits && Item.Message is not null;

    /// <summary>What to do after the messenger answered. <paramref name="jitter01"/> spreads the backoff of many chats.</summary>
    public static DeliveryDecision After(OutboxItem item, SendResult result, DateTimeOffset now, double jitter01)
    {
        var attempts = item.Attempts + 1; // this attempt included
        return result.Outcome switch
        {
            SendOutcome.Sent => new Sent(item, result, now),
            // The spinner on the customer's button stops by itself within seconds, so a late answer is worthless,
            // and retrying it would hold back the chat's real messages (the next scenario step) behind it.
            _ when item.Kind == OutboxKind.CallbackAnswer => new GivenUp(item, result.Reason ?? result.Outcome.ToString(), result),
            SendOutcome.RateLimited when attempts < RetryPolicy.MaxAttempts =>
                new Waits(item, now + (result.RetryAfter ?? TimeSpan.FromSeconds(1)), result),
            SendOutcome.Transient when attempts < RetryPolicy.MaxTransientAttempts =>
                new Waits(item, now + RetryPolicy.Backoff(attempts, jitter01), result),
            SendOutcome.Blocked => new GivenUp(item, result.Reason ?? "Blocked by the user.", result, BlockedBot: true),
            _ => new GivenUp(item, result.Reason ?? result.Outcome.ToString(), result),
        };
    }

    /// <summary>Writes the decision into the tracked rows (the item, its message, the chat's contact); the caller saves
    /// the whole batch at once. Single-threaded: runs after the batch's sends.</summary>
    public void Apply(Contact? contact)
    {
        if (Attempt is { } attempt)
        {
            Item.Attempts++;
            Item.LastError = attempt.Reason;
        }
        switch (this)
        {
            case Sent sent:
                Item.State = OutboxState.Done;
                Item.LeaseOwner = null;
                if (Item.Message is { } message)
                {
                    message.DeliveryState = DeliveryState.Sent;
                    message.ExternalMessageId = sent.Result.ExternalMessageId;
                    message.MessengerAt = sent.At;
                }
                break;
            case Waits waits:
                Item.NextAttemptAt = waits.Until;
                Item.LeaseOwner = null;
                Item.LeaseUntil = null;
                break;
            case GivenUp givenUp:
                Item.State = OutboxState.Failed;
                Item.LastError = givenUp.Reason;
                Item.LeaseOwner = null;
                if (Item.Message is { } failed)
                {
                    failed.DeliveryState = DeliveryState.Failed;
                    failed.FailureReason = givenUp.Reason;
                }
                if (givenUp.BlockedBot && contact is not null)
                    contact.IsBlocked = true;
                break;
        }
    }
}
