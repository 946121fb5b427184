namespace Bots1C.Domain.Channels;

public enum InboundKind
{
    /// <summary>A text message (or a media caption).</summary>
    Text,
    /// <summary>A document or photo; <see cref="InboundEvent.File"/> says which.</summary>
    File,
    /// <summary>A shared phone number; <see cref="SharedContact.IsOwn"/> tells whether it is the sender's own.</summary>
    ContactShared,
    /// <summary>An inline/callback button press (Telegram callback_query).</summary>
    ButtonPress,
    /// <summary>The customer edited an earlier message.</summary>
    Edited,
    /// <summary>The customer blocked the bot (Telegram my_chat_member kicked, Viber unsubscribed).</summary>
    Blocked,
    /// <summary>The customer unblocked / subscribed again.</summary>
    Unblocked,
    /// <summary>The customer opened the conversation (Viber conversation_started).</summary>
    ConversationStarted,
    /// <summary>The messenger reports the state of one of our messages (Viber delivered/seen/failed).</summary>
    DeliveryStatus,
    /// <summary>The messenger confirms the webhook (Viber "webhook" event).</summary>
    WebhookConfirmed,
    /// <summary>Anything else: stored as a service event, never an error.</summary>
    Service,
    /// <summary>One of the messenger's own agents joined the chat (JivoChat AGENT_JOINED); <see cref="InboundEvent.AgentName"/>.</summary>
    AgentJoined,
    /// <summary>One of the messenger's own agents wrote to the customer (JivoChat AGENT_MESSAGE): the bot only hears of it.</summary>
    AgentMessage,
    /// <summary>None of the messenger's own agents can take the chat the bot handed to them (JivoChat AGENT_UNAVAILABLE).</summary>
    AgentsUnavailable,
    /// <summary>The messenger closed the chat (JivoChat CHAT_CLOSED).</summary>
    ChatClosed,
}

public sealed record Sender(string ExternalUserId, string? FirstName, string? LastName, string? Username, string? LanguageCode);

public sealed record InboundFile(string FileId, string? FileName, string? MimeType, long? Size, bool IsImage);

public sealed record SharedContact(string PhoneNumber, string? FirstName, string? LastName, bool IsOwn);

public enum DeliveryState
{
    Queued,
    Sent,
    Delivered,
    Seen,
    Failed,
}

public sealed record DeliveryReport(string ExternalMessageId, DeliveryState State, string? Reason);

/// <summary>One thing that happened in a messenger, in our terms. Adapters turn raw payloads into these;
/// the processor never looks at messenger JSON.</summary>
public sealed record InboundEvent(InboundKind Kind, string ChatId, DateTimeOffset OccurredAt)
{
    public Sender? Sender { get; init; }
    public string? ExternalMessageId { get; init; }
    public string? Text { get; init; }
    public InboundFile? File { get; init; }
    public SharedContact? Contact { get; init; }
    /// <summary>The id to answer a button press with (Telegram answerCallbackQuery).</summary>
    public string? CallbackId { get; init; }
    /// <summary>The button's payload (callback_data, Viber ActionBody).</summary>
    public string? ButtonData { get; init; }
    public DeliveryReport? Delivery { get; init; }
    /// <summary>For <see cref="InboundKind.Service"/>: what the messenger called it.</summary>
    public string? ServiceName { get; init; }
    /// <summary>For the messenger's own agents' events: the agent's name, when the messenger gives it.</summary>
    public string? AgentName { get; init; }
}
