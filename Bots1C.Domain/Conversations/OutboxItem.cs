namespace Bots1C.Domain.Conversations;

public enum OutboxKind
{
    Message,
    /// <summary>Telegram answerCallbackQuery after a button press.</summary>
    CallbackAnswer,
    /// <summary>Hands the chat to the messenger's own agents (JivoChat INVITE_AGENT), after the bot's last reply.</summary>
    InviteAgent,
}

public enum OutboxState
{
    Pending,
    Done,
    Failed,
}

/// <summary>Something to deliver to a messenger. Written in the same transaction as the message it sends.</summary>
public class OutboxItem
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public string ChatId { get; set; } = "";
    public OutboxKind Kind { get; set; }
    public long? MessageId { get; set; }
    public Message? Message { get; set; }
    public string? CallbackId { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
