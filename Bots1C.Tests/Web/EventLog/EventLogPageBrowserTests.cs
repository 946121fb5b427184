using Bots1C.Domain.Accounts;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.EventLog;

/// <summary>The event log page in a real Chromium: an entry links to its bot, dialog and contact; the export follows the filter.</summary>
public class EventLogPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_entry_links_to_the_bot_conversation_and_contact_it_concerns_and_the_export_link_carries_the_filter()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var botId = (await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl })).GetProperty("id").GetInt64();
        await using (var db = await app.Db())
        {
            db.Events.Add(new EventLogEntry { At = DateTimeOffset.UtcNow, Level = EventLevel.Warning, Source = EventSources.Delivery, Code = "DeliveryFailed",
                Message = "A message to chat 42 was not delivered: blocked", Subject = "Site chat", BotId = botId, ConversationId = 12, ContactId = 5 });
            await db.SaveChangesAsync();
        }
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "admin@example.ru");
        await page.OpenAsync(appUrl + "/admin/events");

        var row = page.Locator("[data-testid=events-table] tr", new() { HasText = "was not delivered" });
        await row.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal($"bots/{botId}", await row.Locator("[data-testid=event-bot]").GetAttributeAsync("href"));
        Assert.Equal("messenger/12", await row.Locator("[data-testid=event-dialog]").GetAttributeAsync("href"));
        Assert.Equal("directory/contacts/5", await row.Locator("[data-testid=event-contact]").GetAttributeAsync("href"));
        Assert.Equal("admin/events/export.csv", await page.Locator("[data-testid=export-csv]").GetAttributeAsync("href"));
        Assert.Contains("kept for ever", await page.Locator("[data-testid=retention]").InnerTextAsync()); // the tests switch retention off

        await page.FillAsync("input[data-testid=filter-text], [data-testid=filter-text] input", "not delivered");
        await page.Locator("[data-testid=export-csv][href='admin/events/export.csv?text=not%20delivered']").WaitForAsync(new() { Timeout = 15_000 });
    }
}
