namespace Bots1C.Domain.PrintForms;

/// <summary>
/// One print form sent to one contact. Its state is the state of the message that carries it (queued, sent, failed
/// with the reason), which the outbox keeps up to date; this row says what was sent, to whom and by whom.
/// </summary>
public class PrintFormDelivery
{
    public long Id { get; set; }
    public long CounterpartyId { get; set; }
    public long ContactId { get; set; }
    public long? DocumentId { get; set; }
    /// <summary>The template's name, or null for a ready PDF someone else rendered (1C).</summary>
    public string? Form { get; set; }
    public string FileName { get; set; } = "";
    public long MessageId { get; set; }
    public Conversations.Message? Message { get; set; }
    /// <summary>Who sent it: a person's name, an API key's name, or the bot.</summary>
    public string Author { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
