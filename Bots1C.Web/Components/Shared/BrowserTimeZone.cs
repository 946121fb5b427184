using System.Globalization;
using System.Text.RegularExpressions;

namespace Bots1C.Web.Components.Shared;

/// <summary>Reads the time zone the browser reports (assets/js/timezone.js writes it to a cookie as
/// "IANA id|minutes east of UTC"). The value comes from the visitor, so it is checked before use: a known zone id wins,
/// else the offset it gave, else nothing (the caller keeps the server's zone).</summary>
public static partial class BrowserTimeZone
{
    public const string CookieName = "bots1c-tz";

    /// <summary>Fourteen hours either way is as far as any real zone goes.</summary>
    private const int MaxOffsetMinutes = 14 * 60;

    public static TimeZoneInfo? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            return null;
        var parts = value.Split('|');
        if (ZoneId().IsMatch(parts[0]) && !parts[0].Contains("..", StringComparison.Ordinal)
            && TimeZoneInfo.TryFindSystemTimeZoneById(parts[0], out var zone))
            return zone;
        if (parts.Length > 1 && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes)
            && Math.Abs(minutes) <= MaxOffsetMinutes)
        {
            var offset = TimeSpan.FromMinutes(minutes);
            var name = "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
        }
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$")]
    private static partial Regex ZoneId();
}
