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
}
