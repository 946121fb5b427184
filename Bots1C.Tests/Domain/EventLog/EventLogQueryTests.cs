using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.EventLog;

/// <summary>The event log's filters; <see cref="EventLogQueryTestsOnPostgres"/> runs them on PostgreSQL.</summary>
public class EventLogQueryTests : IClassFixture<EventLogQueryTests.AppWithEvents>
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly EventLogQuery _query;

    public EventLogQueryTests(AppWithEvents app)
    {
        if (app.Engine == DatabaseKind.Postgres)
            TestPostgres.RequireServer();
        _query = app.Services.GetRequiredService<EventLogQuery>();
    }

    [SkippableFact]
    public async Task Without_a_filter_every_event_comes_newest_first()
    {
        var page = await _query.FindAsync(new EventLogFilter(), 0, 10);
        Assert.Equal(5, page.Total);
        Assert.Equal(["e5", "e4", "e3", "e2", "e1"], page.Items.Select(e => e.Code));
    }

    [SkippableFact]
    public async Task Pages_split_the_list_and_keep_the_total()
    {
        var second = await _query.FindAsync(new EventLogFilter(), page: 1, pageSize: 2);
        Assert.Equal(5, second.Total);
        Assert.Equal(["e3", "e2"], second.Items.Select(e => e.Code));
    }

    [SkippableFact]
    public async Task A_time_range_keeps_only_events_inside_it()
    {
        var page = await _query.FindAsync(new EventLogFilter(From: Day.AddHours(1), To: Day.AddHours(3)), 0, 10);
        Assert.Equal(["e3", "e2"], page.Items.Select(e => e.Code));
    }

    [SkippableFact]
    public async Task Level_and_source_narrow_the_list()
    {
        var page = await _query.FindAsync(new EventLogFilter(Level: EventLevel.Warning, Source: EventSources.Security), 0, 10);
        Assert.Equal(["e4"], page.Items.Select(e => e.Code));
    }

    [SkippableTheory]
    [InlineData("olga", new[] { "e4", "e2" })]
    [InlineData("OLGA", new[] { "e4", "e2" })]
    [InlineData("100%", new[] { "e5" })]
    [InlineData("under_score", new[] { "e3" })]
    public async Task Text_matches_message_subject_and_actor_literally(string text, string[] expected)
    {
        var page = await _query.FindAsync(new EventLogFilter(Text: text), 0, 10);
        Assert.Equal(expected, page.Items.Select(e => e.Code));
    }

    [SkippableFact]
    public async Task Sources_lists_each_source_once()
    {
        Assert.Equal([EventSources.Security, EventSources.System, EventSources.Users], await _query.SourcesAsync());
    }

    public class AppWithEvents : Bots1CAppFactory, IAsyncLifetime
    {
        // Installing the tests' license would be a sixth event.
        public AppWithEvents() : this(DatabaseKind.Sqlite) { }

        protected AppWithEvents(DatabaseKind database)
        {
            WithoutLicense();
            // Without a server the tests skip themselves (see the test class); the fixture then starts nothing.
            if (database == DatabaseKind.Postgres && TestPostgres.Server is not null)
                OnPostgres();
            Engine = database;
        }

        /// <summary>The engine asked for (without a server, PostgreSQL's tests skip before using the app).</summary>
        public DatabaseKind Engine { get; }

        public async Task InitializeAsync()
        {
            if (Engine != Database)
                return;
            await using var db = await Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
            db.Events.AddRange(
                Entry("e1", 0, EventLevel.Information, EventSources.System, "started"),
                Entry("e2", 1, EventLevel.Warning, EventSources.Users, "created", subject: "olga@example.ru"),
                Entry("e3", 2, EventLevel.Information, EventSources.Users, "name with under_score"),
                Entry("e4", 4, EventLevel.Warning, EventSources.Security, "failed", actor: "Olga"),
                Entry("e5", 5, EventLevel.Error, EventSources.Security, "disk 100% full"));
            await db.SaveChangesAsync();
        }

        private static EventLogEntry Entry(string code, int hour, EventLevel level, string source, string message,
            string? subject = null, string? actor = null) =>
            new() { Code = code, At = Day.AddHours(hour), Level = level, Source = source, Message = message, Subject = subject, Actor = actor };

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}

[Trait("Database", "Postgres")]
public class EventLogQueryTestsOnPostgres(EventLogQueryTestsOnPostgres.AppWithEventsOnPostgres app)
    : EventLogQueryTests(app), IClassFixture<EventLogQueryTestsOnPostgres.AppWithEventsOnPostgres>
{
    public sealed class AppWithEventsOnPostgres() : AppWithEvents(DatabaseKind.Postgres);
}
