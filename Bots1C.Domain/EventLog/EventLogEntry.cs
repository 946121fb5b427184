namespace Bots1C.Domain.EventLog;

public enum EventLevel
{
    Information = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>
/// One line of the registration journal. <see cref="Code"/> names what happened so the page can show it
/// in the reader's language; <see cref="Message"/> keeps an English rendering for search and export.
/// </summary>
public class EventLogEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public EventLevel Level { get; set; }
    public string Source { get; set; } = "";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    /// <summary>What the event is about: a user's e-mail, a bot's name.</summary>
    public string? Subject { get; set; }
    /// <summary>Who caused it, when a signed-in person did.</summary>
    public string? Actor { get; set; }
    /// <summary>The bot, dialog and contact it concerns, when known: the event log page links to them.</summary>
    public long? BotId { get; set; }
    public long? ConversationId { get; set; }
    public long? ContactId { get; set; }
}

/// <summary>What an event concerns, for the links on the event log page.</summary>
public sealed record EventLinks(long? BotId = null, long? ConversationId = null, long? ContactId = null)
{
    public static EventLinks Bot(long botId) => new(botId);
}
