using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Conversations;

public enum MessageDirection
{
    Incoming,
    Outgoing,
}

public enum MessageKind
{
    Text,
    File,
    ContactShared,
    ButtonPress,
    Edited,
    /// <summary>Something that happened rather than something said: blocked, subscribed, unknown update kinds.</summary>
    Service,
}

/// <summary>One message of a conversation, either way. Outgoing ones carry their delivery state.</summary>
public class Message
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public MessageDirection Direction { get; set; }
    public MessageKind Kind { get; set; }
    public string? Text { get; set; }
    public string? ExternalMessageId { get; set; }
    public string? FileId { get; set; }
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long? FileSize { get; set; }
    /// <summary>For files we send: the stored copy.</summary>
    public long? StoredFileId { get; set; }
    public Files.StoredFile? StoredFile { get; set; }
    public string? ButtonData { get; set; }
    /// <summary>Outgoing buttons, as JSON of <see cref="Button"/>s.</summary>
    public string? ButtonsJson { get; set; }
    /// <summary>Who wrote an outgoing message: an operator, an API key, the bot.</summary>
    public string? Author { get; set; }
    public DeliveryState? DeliveryState { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>When we stored it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the messenger says it happened (incoming) or accepted it (outgoing).</summary>
    public DateTimeOffset? MessengerAt { get; set; }
}
