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

    /// <summary>The operator who has the dialog (took it over, got it transferred or routed as the main manager).</summary>
    public string? AssignedUserId { get; set; }
    /// <summary>Since when a person has the dialog: with the last message, it tells when a taken-over dialog is idle.</summary>
    public DateTimeOffset? OperatorSince { get; set; }
    /// <summary>Closed by an operator; the customer's next message reopens it.</summary>
    public bool IsClosed { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Who had the dialog when it was closed (null: nobody did): the customer writing again soon goes back to them
    /// (<see cref="Operators.OperatorOptions.ReopenToOperatorMinutes"/>).</summary>
    public string? ClosedFromUserId { get; set; }
    /// <summary>Customer messages no operator has opened yet.</summary>
    public int UnreadCount { get; set; }
    /// <summary>The start of the last message either way, for the dialog list (no per-row query for it).</summary>
    public string? LastMessagePreview { get; set; }

    public const int PreviewLength = 120;

    public static string? PreviewOf(string? text, string? fileName) =>
        (string.IsNullOrWhiteSpace(text) ? fileName : text) is { Length: > 0 } shown
            ? shown.Length <= PreviewLength ? shown : shown[..(PreviewLength - 1)] + "…"
            : null;
}

public enum ConversationMode
{
    Bot,
    /// <summary>A scenario handed the conversation over; the bot stays silent until an operator returns it.</summary>
    WaitingForOperator,
    /// <summary>An operator has taken the dialog over: the bot is paused for it until it is returned, closed or idle.</summary>
    WithOperator,
}
