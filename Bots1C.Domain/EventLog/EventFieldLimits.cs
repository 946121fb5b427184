namespace Bots1C.Domain.EventLog;

/// <summary>
/// The most each text field of an <see cref="EventLogEntry"/> keeps. Fields can carry what strangers typed
/// (an e-mail on the sign-in form, a contact's name, a remote error text), so one entry must never grow the
/// database by more than a few kilobytes, whoever writes it.
/// </summary>
public static class EventFieldLimits
{
    public const int Source = 64;
    public const int Code = 100;
    public const int Message = 2000;
    /// <summary>Room for the longest e-mail address (254) and a long bot or contact name.</summary>
    public const int Subject = 320;
    public const int Actor = 320;
    /// <summary>One named value of an <see cref="EventDetail"/> (a remote error text, a name).</summary>
    public const int ArgValue = 500;
    /// <summary>All of an entry's named values as JSON; more is not stored (the page then shows the English message).</summary>
    public const int Args = 4000;

    /// <summary>The text itself when it fits; otherwise its start and "…", <paramref name="max"/> characters in all.</summary>
    public static string? Cap(string? text, int max)
    {
        if (text is null || text.Length <= max)
            return text;
        var keep = max - 1;
        // Never keep half of a character that takes two UTF-16 code units (an emoji): the rest would not be valid text.
        if (char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
