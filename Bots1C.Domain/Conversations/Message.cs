using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Conversations;

public enum MessageDirection
{
    Incoming,
    Outgoing,
    /// <summary>Never leaves the app: operators' notes and the dialog's own events (taken over, transferred, closed).</summary>
    Internal,
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
    /// <summary>An operator's note for colleagues; never sent to the customer.</summary>
    Note,
    /// <summary>Something that happened to the dialog itself (<see cref="ConversationEventCodes"/>): the code is in <see cref="Message.Text"/>.</summary>
    Event,
}

/// <summary>Who a message bubble belongs to.</summary>
public enum AuthorKind
{
    Customer,
    Bot,
    Operator,
    Note,
    System,
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

    /// <summary>The <see cref="Author"/> of what the bot's scenarios sent.</summary>
    public const string BotAuthor = "bot";

    /// <summary>The signed-in person who wrote it (operator replies, notes, dialog events).</summary>
    public string? AuthorUserId { get; set; }
    /// <summary>For dialog events: the other person involved (transferred to, assigned to).</summary>
    public string? EventDetail { get; set; }
    public DeliveryState? DeliveryState { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>When we stored it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the messenger says it happened (incoming) or accepted it (outgoing).</summary>
    public DateTimeOffset? MessengerAt { get; set; }

    public AuthorKind AuthorKind => (Direction, Kind) switch
    {
        (MessageDirection.Incoming, _) => AuthorKind.Customer,
        (_, MessageKind.Note) => AuthorKind.Note,
        (MessageDirection.Internal, _) => AuthorKind.System,
        _ when Author == BotAuthor => AuthorKind.Bot,
        _ => AuthorKind.Operator, // a person in the messenger, or 1C through the API
    };
}
