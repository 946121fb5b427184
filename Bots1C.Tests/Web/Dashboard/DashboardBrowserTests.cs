using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.Server;

namespace Bots1C.Tests.Web.Dashboard;

/// <summary>The dashboard in a real Chromium: a webhook arriving moves the bot's counters without a reload.</summary>
public class DashboardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_bots_tile_counts_a_message_the_moment_its_webhook_arrives()
    {
        using var telegram = WireMockServer.Start();
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = telegram.Url,
        });
        var secret = (await app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "admin@example.ru");
        await page.OpenAsync(appUrl + "/dashboard");
        var tile = page.Locator("[data-testid=bot-tile][data-bot=Shop]");
        Assert.Equal("0", await tile.Locator("[data-testid=in-today]").InnerTextAsync());

        using var messenger = new HttpClient { BaseAddress = new Uri(appUrl) };
        var response = await messenger.PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(501, 42, "Где мой заказ?"), secret);
        Assert.True(response.IsSuccessStatusCode);

        await tile.Locator("[data-testid=in-today]", new() { HasText = "1" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.NotEqual("—", await tile.Locator("[data-testid=last-in]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task The_welcome_tour_is_reachable_later_from_the_dashboard()
    {
        using var app = new Bots1CAppFactory();
        var appUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "admin@example.ru");
        await page.OpenAsync(appUrl + "/dashboard");
        await page.ClickAsync("[data-testid=dashboard-welcome]");

        await page.Locator("[data-testid=welcome-step-license]").WaitForAsync(new() { Timeout = 15_000 });
        Assert.EndsWith("/welcome", page.Url);
    }
}
