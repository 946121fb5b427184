namespace Bots1C.Domain.Channels;

public enum ButtonKind
{
    /// <summary>A reply button: pressing it sends its text (Viber ActionType reply).</summary>
    Reply,
    /// <summary>Asks the messenger for the user's own phone number (Telegram request_contact, Viber share-phone).</summary>
    SharePhone,
    /// <summary>An inline button carrying a payload (Telegram callback_data ≤ 64 bytes).</summary>
    Callback,
    /// <summary>Opens a URL.</summary>
    OpenUrl,
}

public sealed record Button(ButtonKind Kind, string Text, string? Payload = null);

/// <summary>A file to send. Telegram uploads <see cref="Content"/>; Viber fetches <see cref="PublicUrl"/>.</summary>
public sealed record OutgoingFile(string FileName, string MimeType, byte[] Content, string? PublicUrl);

/// <summary>What the outbox asks an adapter to deliver to one chat.</summary>
public sealed record OutgoingMessage(string ChatId, string? Text)
{
    public IReadOnlyList<Button> Buttons { get; init; } = [];
    public OutgoingFile? File { get; init; }
    /// <summary>Set for an answer to a button press (Telegram answerCallbackQuery); then nothing else is sent.</summary>
    public string? CallbackAnswerId { get; init; }
    /// <summary>Our message id, for messengers that echo it back in delivery reports (Viber tracking_data).</summary>
    public string? TrackingId { get; init; }
    /// <summary>Hands the chat to the messenger's own agents (JivoChat INVITE_AGENT); then nothing else is sent.</summary>
    public bool InviteAgent { get; init; }
}

public enum SendOutcome
{
    Sent,
    /// <summary>The messenger asked us to wait (<see cref="SendResult.RetryAfter"/>).</summary>
    RateLimited,
    /// <summary>5xx, timeout, network: try again later with backoff.</summary>
    Transient,
    /// <summary>The user blocked the bot: do not retry, mark the contact blocked.</summary>
    Blocked,
    /// <summary>The messenger refused the message for good (4xx): do not retry.</summary>
    Failed,
}

public sealed record SendResult(SendOutcome Outcome, string? ExternalMessageId = null, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static SendResult Sent(string? externalId) => new(SendOutcome.Sent, externalId);
    public static SendResult RateLimited(TimeSpan wait, string? reason = null) => new(SendOutcome.RateLimited, Reason: reason, RetryAfter: wait);
    public static SendResult Transient(string reason) => new(SendOutcome.Transient, Reason: reason);
    public static SendResult Blocked(string reason) => new(SendOutcome.Blocked, Reason: reason);
    public static SendResult Failed(string reason) => new(SendOutcome.Failed, Reason: reason);
}
