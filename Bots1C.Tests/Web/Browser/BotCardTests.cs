using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>An administrator connects a Telegram bot through the bot card, against a fake Bot API on loopback.</summary>
public class BotCardTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_bot_is_added_with_its_mistakes_shown_then_checked_green()
    {
        using var telegram = WireMockServer.Start();
        telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/getMe").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Shop","username":"shop_bot"}}"""));
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", "admin@example.ru");
        await page.FillAsync("#password", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });

        await page.GotoAsync(baseUrl + "/bots/new");
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("input[data-testid=bot-name], [data-testid=bot-name] input", "Shop");
        await page.FillAsync("input[data-testid=bot-token], [data-testid=bot-token] input", "12345:too-short");
        await page.FillAsync("input[data-testid=bot-url], [data-testid=bot-url] input", "http://bot.example.ru/Bots_UNF");
        await page.ClickAsync("[data-testid=bot-save]");
        await page.GetByText("This does not look like a token").WaitForAsync();
        await page.GetByText("plain HTTP is allowed for localhost only").WaitForAsync();

        await page.FillAsync("input[data-testid=bot-token], [data-testid=bot-token] input", MessagePath.TelegramToken);
        await page.FillAsync("input[data-testid=bot-url], [data-testid=bot-url] input", "https://bot.example.ru/Bots_UNF");
        await page.GetByLabel("API server address (optional)").FillAsync(telegram.Url!);
        await page.ClickAsync("[data-testid=bot-save]");
        var webhook = page.Locator("[data-testid=bot-webhook]");
        await webhook.WaitForAsync();
        Assert.StartsWith("https://bot.example.ru/Bots_UNF/webhooks/", await webhook.InnerTextAsync());

        await page.ClickAsync("[data-testid=bot-check]");
        var outcome = page.Locator("[data-testid=bot-outcome]");
        await outcome.WaitForAsync();
        Assert.Contains("Connection established", await outcome.InnerTextAsync());
        Assert.Contains("Connection established", await page.Locator("[data-testid=bot-status]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-bot-card.png") });

        await page.GotoAsync(baseUrl + "/bots");
        await page.Locator("[data-testid=bots-table] tr", new PageLocatorOptions { HasText = "Shop" }).WaitForAsync();
        Assert.Contains("Connection established", await page.Locator("[data-testid=bots-table]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-bots.png") });
    }

    [Fact]
    public async Task The_bot_list_refreshes_a_status_nobody_has_checked_yet()
    {
        using var telegram = WireMockServer.Start();
        telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/getMe").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":false,"error_code":401,"description":"Unauthorized"}"""));
        using var app = new Bots1CAppFactory().WithApiKey();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = telegram.Url,
        });
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", "admin@example.ru");
        await page.FillAsync("#password", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");

        await page.GotoAsync(baseUrl + "/bots");

        var status = page.Locator("[data-testid=bot-status]", new PageLocatorOptions { HasText = "No connection" });
        await status.WaitForAsync();
        Assert.Contains("Unauthorized", await status.InnerTextAsync());
    }
}
