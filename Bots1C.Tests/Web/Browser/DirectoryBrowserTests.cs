using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A manager creates a counterparty, links a web-chat visitor to it on the contact's card, and reads the
/// visitor's messages in the counterparty's history.</summary>
public class DirectoryBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_counterpartys_card_shows_the_messages_of_the_visitor_linked_to_it()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start();
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url });
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><head><title>Shop</title></head><body>{bot.GetProperty("embedSnippet").GetString()}</body></html>"));
        await app.CreateUserAsync("maria@example.ru", HtmlForms.Password, Roles.Manager);

        await using var managerContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await managerContext.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await page.SignInAsync(appUrl, "maria@example.ru");

        // The counterparty, created from the list.
        await page.OpenAsync(appUrl + "/directory/owners");
        await page.ClickAsync("[data-testid=counterparty-new]");
        await page.WaitForCircuitAsync();
        await page.Locator("[data-testid=counterparty-save]").WaitForAsync(Live);
        var name = page.Locator("input[data-testid=counterparty-name-field], [data-testid=counterparty-name-field] input").First;
        var inn = page.Locator("input[data-testid=counterparty-inn], [data-testid=counterparty-inn] input").First;
        await name.FillAsync("ООО Ромашка");
        await inn.FillAsync("7707083893");
        // The fields commit on change (leaving the field), as a person's next click would; then save.
        await inn.PressAsync("Tab");
        await page.ClickAsync("[data-testid=counterparty-save]");
        // The card opens by the circuit's client-side navigation; its title is the record's name (the new form's is not).
        await WaitForCardAsync(page, "ООО Ромашка");
        await page.Locator("[data-testid=counterparty-history-empty]").WaitForAsync(Live);

        // A visitor writes in the site's chat.
        await using var visitorContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(site.Url + "/");
        await visitor.ClickAsync("[data-bots1c=launcher]");
        var chat = visitor.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("Здравствуйте, пришлите счёт");
        await chat.Locator("#wc-text").PressAsync("Enter");
        await WaitForContactAsync(app);

        // The manager links the visitor's contact to the counterparty with the picker.
        await page.OpenAsync(appUrl + "/directory/contacts");
        await page.Locator("[data-testid=contact-row-name]").First.ClickAsync();
        await page.Locator("[data-testid=counterparty-picker] input, input[data-testid=counterparty-picker]").First.WaitForAsync(Live);
        await page.Locator("[data-testid=counterparty-picker] input, input[data-testid=counterparty-picker]").First.PressSequentiallyAsync("Ромаш");
        await page.Locator(".mud-list-item", new() { HasText = "ООО Ромашка" }).ClickAsync();
        await page.ClickAsync("[data-testid=contact-link]");
        await page.Locator("[data-testid=contact-counterparty-link]", new() { HasText = "ООО Ромашка" }).WaitForAsync(Live);

        // Its card: the contact with a "write" action, and the visitor's message in the history.
        await page.ClickAsync("[data-testid=contact-counterparty-link]");
        await page.Locator("[data-testid=counterparty-title]", new() { HasText = "ООО Ромашка" }).WaitForAsync(Live);
        await page.Locator("[data-testid=counterparty-contact]").WaitForAsync(Live);
        await page.Locator("[data-testid=history-item]", new() { HasText = "Здравствуйте, пришлите счёт" }).WaitForAsync(Live);
        Assert.StartsWith("messenger/", await page.Locator("[data-testid=counterparty-contact-write]").GetAttributeAsync("href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-counterparty-card.png"), FullPage = true });
    }

    [Fact]
    public async Task A_manager_imports_a_csv_opens_the_imported_counterparty_and_reads_its_history()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var api = app.CreateApiClient();
        await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl });
        await app.CreateUserAsync("maria@example.ru", HtmlForms.Password, Roles.Manager);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await page.SignInAsync(appUrl, "maria@example.ru");

        await page.OpenAsync(appUrl + "/directory/import");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "контрагенты.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Наименование;ИНН;Телефон\nООО Ромашка;7707083893;8 (912) 345-67-89\nИП Петров;500100732259;\n"),
        });
        await page.Locator("[data-testid=import-ready]").WaitForAsync(Live);
        Assert.Contains("ООО Ромашка", await page.Locator("[data-testid=import-preview]").InnerTextAsync());
        await page.ClickAsync("[data-testid=import-run]");
        await page.Locator("[data-testid=import-preview]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });

        // A customer of the imported counterparty wrote to the bot earlier (stored as the message path stores it).
        var factory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var counterparty = await db.Counterparties.SingleAsync(o => o.Inn == "7707083893");
            var bot = await db.Bots.SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var contact = new Bots1C.Domain.Conversations.Contact
            {
                BotId = bot.Id, ExternalUserId = "v_visitor", FirstName = "Ольга", Phone = "+79123456789", CounterpartyId = counterparty.Id, CreatedAt = now, UpdatedAt = now,
            };
            var conversation = new Bots1C.Domain.Conversations.Conversation { BotId = bot.Id, Contact = contact, ChatId = "v_visitor", CreatedAt = now, LastMessageAt = now };
            db.Messages.Add(new Bots1C.Domain.Conversations.Message
            {
                Conversation = conversation, Direction = Bots1C.Domain.Conversations.MessageDirection.Incoming,
                Kind = Bots1C.Domain.Conversations.MessageKind.Text, Text = "Пришлите, пожалуйста, акт сверки", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        await page.OpenAsync(appUrl + "/directory/owners");
        await page.Locator("[data-testid=counterparty-name]", new() { HasText = "ИП Петров" }).WaitForAsync(Live);
        await page.Locator("[data-testid=counterparty-name]", new() { HasText = "ООО Ромашка" }).ClickAsync();
        await page.Locator("[data-testid=counterparty-title]", new() { HasText = "ООО Ромашка" }).WaitForAsync(Live);
        await page.Locator("[data-testid=history-item]", new() { HasText = "Пришлите, пожалуйста, акт сверки" }).WaitForAsync(Live);
        await page.Locator("[data-testid=counterparty-contact]", new() { HasText = "Ольга" }).WaitForAsync(Live);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-imported-counterparty.png"), FullPage = true });
    }

    /// <summary>Waits for the saved record's card; when it does not come, says what the form shows instead
    /// (a validation error, or a form that never went live) rather than only "timeout".</summary>
    private static async Task WaitForCardAsync(IPage page, string name)
    {
        try
        {
            await page.Locator("[data-testid=counterparty-title]", new() { HasText = name }).WaitForAsync(new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var shot = Path.Combine(Path.GetTempPath(), "bots1c-counterparty-save-failed.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            var errors = await page.Locator(".mud-input-error, .mud-input-helper-text.mud-input-error").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"The card of '{name}' did not open. Address: {page.Url}; form errors: [{string.Join("; ", errors)}]; " +
                $"live circuit: {await page.Locator("[data-testid=circuit-ready]").CountAsync() > 0}; screenshot: {shot}");
        }
    }

    private static async Task WaitForContactAsync(Bots1CAppFactory app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        for (var i = 0; i < 150; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (await db.Messages.AnyAsync())
                return;
            await Task.Delay(100);
        }
        Assert.Fail("The visitor's message never arrived.");
    }
}
