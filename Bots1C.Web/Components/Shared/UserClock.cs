using System.Globalization;
using System.Resources;
using Bots1C.Web.Resources;
using Humanizer;

namespace Bots1C.Web.Components.Shared;

/// <summary>Every date and time a person sees, in their language and their browser's time zone. One per circuit (scoped):
/// the language is fixed when the circuit starts (Routes), so a page re-rendered by a background event — which runs
/// with the server's culture, not the circuit's — still writes dates the person's way.</summary>
public sealed class UserClock(TimeProvider clock)
{
    // Its own look-ups in the captured culture: IStringLocalizer reads the current thread's, which is the server's on a
    // background render.
    private static readonly ResourceManager Strings = new(typeof(SharedResource));

    /// <summary>Until Routes starts the clock: whatever the thread that first asked had (the circuit's, in practice).</summary>
    public CultureInfo Culture { get; private set; } = CultureInfo.CurrentCulture;

    /// <summary>The browser's zone once known; the server's until then.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Local;

    public bool KnowsBrowserZone { get; private set; }

    /// <summary>Called once per circuit (and per static page) by Routes with the request's language and the browser's zone.</summary>
    public void Start(string? culture, string? browserZone)
    {
        if (!string.IsNullOrEmpty(culture))
            Culture = CultureInfo.GetCultureInfo(culture);
        UseBrowserZone(browserZone);
    }

    /// <summary>Takes the browser's zone (see <see cref="BrowserTimeZone"/>); an unreadable value changes nothing.</summary>
    public void UseBrowserZone(string? value)
    {
        if (BrowserTimeZone.Parse(value) is not { } zone)
            return;
        Zone = zone;
        KnowsBrowserZone = true;
    }

    public DateTimeOffset InZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>Date and time: 12.02.2026 22:49 · 2/12/2026 10:49 PM.</summary>
    public string DateAndTime(DateTimeOffset at) => InZone(at).ToString("g", Culture);

    public string? DateAndTime(DateTimeOffset? at) => at is { } value ? DateAndTime(value) : null;

    /// <summary>With seconds, where order within a minute matters (the event log).</summary>
    public string Exact(DateTimeOffset at) => InZone(at).ToString("G", Culture);

    public string DateOf(DateTimeOffset at) => InZone(at).ToString("d", Culture);

    public string? DateOf(DateTimeOffset? at) => at is { } value ? DateOf(value) : null;

    /// <summary>A calendar date with no time of day (a document's date): no zone to apply.</summary>
    public string DateOf(DateOnly date) => date.ToString("d", Culture);

    public string TimeOf(DateTimeOffset at) => InZone(at).ToString("t", Culture);

    /// <summary>A fixed pattern (chart labels) in the person's zone.</summary>
    public string Pattern(DateTimeOffset at, string pattern) => InZone(at).ToString(pattern, Culture);

    /// <summary>For lists: "just now", "5 minutes ago", today's time, "yesterday, 14:05", then the date.
    /// Pair it with <see cref="DateAndTime(DateTimeOffset)"/> as the title, so hovering shows the exact moment.</summary>
    public string Relative(DateTimeOffset at)
    {
        var now = clock.GetUtcNow();
        var ago = now - at;
        if (ago.Duration() < TimeSpan.FromMinutes(1))
            return Text("Clock.JustNow");
        if (ago < TimeSpan.Zero)
            return DateAndTime(at); // ahead of our clock: say exactly when rather than guess
        if (ago < TimeSpan.FromHours(1))
            return at.Humanize(now, Culture);
        var day = InZone(at).Date;
        var today = InZone(now).Date;
        if (day == today)
            return TimeOf(at);
        if (day == today.AddDays(-1))
            return string.Format(Culture, Text("Clock.Yesterday"), TimeOf(at));
        return DateOf(at);
    }

    /// <summary>The first instant of a day picked in the person's zone (filters by date).</summary>
    public DateTimeOffset StartOfDay(DateTime day) => AtZone(day.Date);

    /// <summary>The last instant of a day picked in the person's zone.</summary>
    public DateTimeOffset EndOfDay(DateTime day) => AtZone(day.Date.AddDays(1)).AddTicks(-1);

    private DateTimeOffset AtZone(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private string Text(string key) => Strings.GetString(key, Culture) ?? key;
}
