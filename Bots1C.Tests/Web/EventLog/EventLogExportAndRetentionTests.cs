using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.EventLog;

/// <summary>The event log's CSV export (the page's filter, with what each entry concerns) and its retention job.</summary>
public class EventLogExportAndRetentionTests
{
    private static async Task AddAsync(Bots1CAppFactory app, params EventLogEntry[] entries)
    {
        await using var db = await app.Db();
        db.Events.AddRange(entries);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Entries_older_than_the_retention_period_are_removed_and_newer_ones_kept()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:EventLog:RetentionDays", "30");
        var now = DateTimeOffset.UtcNow;
        await AddAsync(app,
            new EventLogEntry { At = now.AddDays(-31), Source = EventSources.Bots, Code = "Old", Message = "old" },
            new EventLogEntry { At = now.AddDays(-29), Source = EventSources.Bots, Code = "Recent", Message = "recent" });

        await app.Services.GetRequiredService<EventLogRetention>().PurgeAsync();

        await using var db = await app.Db();
        var codes = await db.Events.Where(e => e.Code == "Old" || e.Code == "Recent").Select(e => e.Code).ToListAsync();
        Assert.Equal(["Recent"], codes);
    }

    [Fact]
    public async Task An_administrator_exports_the_filtered_entries_as_CSV_with_the_bot_conversation_and_contact_they_concern()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await AddAsync(app,
            new EventLogEntry { At = DateTimeOffset.UtcNow, Level = EventLevel.Error, Source = EventSources.Delivery, Code = "DeliveryFailed",
                Message = "Не доставлено, \"blocked\"", Subject = "Shop", BotId = 7, ConversationId = 12, ContactId = 5 },
            new EventLogEntry { At = DateTimeOffset.UtcNow, Level = EventLevel.Information, Source = EventSources.Users, Code = "UserCreated", Message = "created" });
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync("admin@example.ru");

        var response = await client.GetAsync("/admin/events/export.csv?level=Error&source=Delivery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("Time (UTC),Level,Source,Code,Message,Subject,Actor,BotId,ConversationId,ContactId", lines[0]);
        Assert.EndsWith(",Error,Delivery,DeliveryFailed,\"Не доставлено, \"\"blocked\"\"\",Shop,,7,12,5", Assert.Single(lines.Skip(1)));
    }

    /// <summary>The page says details in the reader's language from the kept values; the export keeps the English message.</summary>
    [Fact]
    public async Task The_export_has_the_English_message_of_an_event_whose_values_are_kept_too()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        Assert.True((await app.Services.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUser("olga@example.ru", "Olga", HtmlForms.Password, [Roles.Operator, Roles.Manager]), "admin@example.ru")).Succeeded);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync("admin@example.ru");

        var csv = await (await client.GetAsync("/admin/events/export.csv?source=Users")).Content.ReadAsStringAsync();

        Assert.Contains(",Information,Users,UserCreated,\"User created with roles: Manager, Operator.\",olga@example.ru,admin@example.ru,", csv);
        await using var db = await app.Db();
        Assert.Equal("""{"roles":"Manager,Operator"}""", (await db.Events.SingleAsync(e => e.Code == "UserCreated")).Args);
    }

    [Fact]
    public async Task An_unknown_level_in_the_export_is_a_400_naming_the_levels()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync("admin@example.ru");

        var response = await client.GetAsync("/admin/events/export.csv?level=Loud");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Information, Warning or Error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Operators_cannot_export_the_event_log()
    {
        using var app = new Bots1CAppFactory();
        await app.CreateUserAsync("op@example.ru", HtmlForms.Password, Roles.Operator);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync("op@example.ru");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/events/export.csv")).StatusCode);
    }
}
