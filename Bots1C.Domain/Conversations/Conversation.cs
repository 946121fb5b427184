namespace Bots1C.Domain.Conversations;

/// <summary>The dialog between one bot and one contact.</summary>
public class Conversation
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public long ContactId { get; set; }
    public Contact Contact { get; set; } = default!;
    /// <summary>Where replies go in the messenger (Telegram chat id, Viber user id, web-chat visitor id).</summary>
    public string ChatId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    /// <summary>Labels set by scenarios (<c>Conversation.SetTag</c>) and operators.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Who answers: the bot's scenarios, or a person (the conversation waits for or is with an operator).</summary>
    public ConversationMode Mode { get; set; }
    /// <summary>The running scenario, or null when idle.</summary>
    public long? ScenarioId { get; set; }
    /// <summary>The step waiting for the customer's answer.</summary>
    public string? StepId { get; set; }
    /// <summary>Answers given so far to the waiting step (for "gave up after N tries").</summary>
    public int StepTries { get; set; }
    /// <summary>Since when the step waits; a conversation left longer than the idle timeout returns to idle.</summary>
    public DateTimeOffset? WaitingSince { get; set; }
    /// <summary>The scenario's variables (<c>vars.*</c>) as a JSON object of strings.</summary>
    public string VariablesJson { get; set; } = "{}";
    /// <summary>An HTTP request a scenario step is waiting for (performed outside the message batch by the
    /// call worker); while set, the chat's next updates wait so they are answered in order.</summary>
    public string? PendingCallJson { get; set; }
    /// <summary>Which moment a call worker may (re)try the pending call: a crashed worker's claim runs out.</summary>
    public DateTimeOffset? CallLeaseUntil { get; set; }
}

public enum ConversationMode
{
    Bot,
    /// <summary>A scenario handed the conversation over; the bot stays silent until an operator returns it.</summary>
    WaitingForOperator,
}
