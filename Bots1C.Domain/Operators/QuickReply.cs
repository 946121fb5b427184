namespace Bots1C.Domain.Operators;

/// <summary>A prepared answer operators insert by typing <c>/shortcut</c>; global or for one bot.</summary>
public class QuickReply
{
    public long Id { get; set; }
    /// <summary>Null: offered in every bot's dialogs.</summary>
    public long? BotId { get; set; }
    public string Shortcut { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>May hold <c>{{contact.firstName}}</c>, <c>{{vars.x}}</c> and <c>{{operator.name}}</c>.</summary>
    public string Text { get; set; } = "";
    public long? StoredFileId { get; set; }
    public Files.StoredFile? StoredFile { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
