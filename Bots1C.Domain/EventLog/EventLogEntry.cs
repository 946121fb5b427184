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
/// <remarks>Every text field is capped (<see cref="EventFieldLimits"/>) as it is set, so no writer can store more.</remarks>
public class EventLogEntry
{
    private string _source = "", _code = "", _message = "";
    private string? _subject, _actor;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public EventLevel Level { get; set; }
    public string Source { get => _source; set => _source = EventFieldLimits.Cap(value, EventFieldLimits.Source)!; }
    public string Code { get => _code; set => _code = EventFieldLimits.Cap(value, EventFieldLimits.Code)!; }
    public string Message { get => _message; set => _message = EventFieldLimits.Cap(value, EventFieldLimits.Message)!; }
    /// <summary>What the event is about: a user's e-mail, a bot's name.</summary>
    public string? Subject { get => _subject; set => _subject = EventFieldLimits.Cap(value, EventFieldLimits.Subject); }
    /// <summary>Who caused it, when a signed-in person did.</summary>
    public string? Actor { get => _actor; set => _actor = EventFieldLimits.Cap(value, EventFieldLimits.Actor); }
    /// <summary>The named values of the message (JSON, see <see cref="EventDetail"/>), so the page can say it in the reader's
    /// language; null on entries written before they were kept, which the page shows in English.</summary>
    public string? Args { get; set; }
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
