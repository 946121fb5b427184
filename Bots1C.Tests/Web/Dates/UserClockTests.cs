using Bots1C.Web.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Bots1C.Tests.Web.Dates;

/// <summary>How a date reads to a person: their language's order, their browser's time zone, relative in lists.</summary>
public class UserClockTests
{
    // 22:49 UTC on 12 February 2026: a Thursday evening in London, Friday night in Yekaterinburg.
    private static readonly DateTimeOffset Evening = new(2026, 2, 12, 22, 49, 0, TimeSpan.Zero);

    private static UserClock Clock(string culture, string zone, DateTimeOffset? now = null)
    {
        var clock = new UserClock(new FakeTimeProvider(now ?? Evening));
        clock.Start(culture, zone);
        return clock;
    }

    [Fact]
    public void In_Russian_a_date_and_time_reads_day_month_year_and_24_hour_time()
    {
        Assert.Equal("12.02.2026 22:49", Clock("ru", "UTC").DateAndTime(Evening));
        Assert.Equal("12.02.2026", Clock("ru", "UTC").DateOf(Evening));
        Assert.Equal("22:49", Clock("ru", "UTC").TimeOf(Evening));
    }

    [Fact]
    public void In_English_a_date_and_time_reads_month_first_with_am_pm()
    {
        Assert.Equal("2/12/2026 10:49\u202FPM", Clock("en", "UTC").DateAndTime(Evening)); // ICU puts a narrow no-break space before PM
    }

    [Fact]
    public void The_browsers_time_zone_shifts_a_utc_moment_to_the_persons_wall_clock()
    {
        Assert.Equal("13.02.2026 03:49", Clock("ru", "Asia/Yekaterinburg").DateAndTime(Evening));
        Assert.Equal("13.02.2026", Clock("ru", "Asia/Yekaterinburg").DateOf(Evening));
    }

    [Fact]
    public void An_unknown_zone_name_falls_back_to_the_offset_the_browser_gave()
    {
        Assert.Equal("13.02.2026 04:19", Clock("ru", "Nowhere/Special|330").DateAndTime(Evening));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("x|100000")]
    [InlineData("")]
    public void A_value_that_names_no_zone_leaves_the_servers_zone(string cookie)
    {
        var clock = Clock("ru", cookie);

        Assert.False(clock.KnowsBrowserZone);
        Assert.Equal(TimeZoneInfo.Local, clock.Zone);
    }

    [Fact]
    public void A_path_in_the_zone_name_is_never_looked_up_but_its_offset_still_counts()
    {
        var clock = Clock("ru", "Europe/../../etc/passwd|60");

        Assert.Equal(TimeSpan.FromHours(1), clock.Zone.BaseUtcOffset);
    }

    [Fact]
    public void Within_a_minute_a_list_says_just_now()
    {
        Assert.Equal("только что", Clock("ru", "UTC").Relative(Evening.AddSeconds(-20)));
        Assert.Equal("just now", Clock("en", "UTC").Relative(Evening.AddSeconds(-20)));
    }

    [Fact]
    public void Within_the_hour_a_list_says_how_many_minutes_ago()
    {
        Assert.Equal("5 минут назад", Clock("ru", "UTC").Relative(Evening.AddMinutes(-5)));
        Assert.Equal("22 минуты назад", Clock("ru", "UTC").Relative(Evening.AddMinutes(-22)));
        Assert.Equal("5 minutes ago", Clock("en", "UTC").Relative(Evening.AddMinutes(-5)));
    }

    [Fact]
    public void Earlier_today_a_list_shows_the_time()
    {
        Assert.Equal("14:05", Clock("ru", "UTC").Relative(new DateTimeOffset(2026, 2, 12, 14, 5, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Yesterday_a_list_says_yesterday_and_the_time()
    {
        var yesterday = new DateTimeOffset(2026, 2, 11, 14, 5, 0, TimeSpan.Zero);

        Assert.Equal("вчера, 14:05", Clock("ru", "UTC").Relative(yesterday));
        Assert.Equal("yesterday, 2:05\u202FPM", Clock("en", "UTC").Relative(yesterday));
    }

    [Fact]
    public void Yesterday_is_the_persons_yesterday_not_the_servers()
    {
        // 10:00 UTC on the 12th is today in London, but in Yekaterinburg (15:00 on the 12th) it is yesterday: there it
        // is already 03:49 on the 13th.
        var morning = new DateTimeOffset(2026, 2, 12, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("10:00", Clock("ru", "UTC").Relative(morning));
        Assert.Equal("вчера, 15:00", Clock("ru", "Asia/Yekaterinburg").Relative(morning));
    }

    [Fact]
    public void Before_yesterday_a_list_shows_the_date()
    {
        Assert.Equal("09.02.2026", Clock("ru", "UTC").Relative(Evening.AddDays(-3)));
    }

    [Fact]
    public void A_day_picked_in_a_filter_starts_and_ends_at_the_persons_midnight()
    {
        var clock = Clock("ru", "Asia/Yekaterinburg");

        Assert.Equal(new DateTimeOffset(2026, 2, 11, 19, 0, 0, TimeSpan.Zero), clock.StartOfDay(new DateTime(2026, 2, 12)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 2, 12, 19, 0, 0, TimeSpan.Zero).AddTicks(-1), clock.EndOfDay(new DateTime(2026, 2, 12)).ToUniversalTime());
    }
}
