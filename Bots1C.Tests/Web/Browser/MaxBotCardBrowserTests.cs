using System.Text.RegularExpressions;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Domain.Channels.Max;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>An administrator connects a MAX bot through the bot card, against a fake MAX API on loopback (listed in
/// Bots1C:Messengers:ApiAllowedHosts of the app under test, as every test app lists loopback).</summary>
public class MaxBotCardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_MAX_bot_is_added_checked_green_and_its_webhook_registered()
    {
        using var max = WireMockServer.Start();
        void Answer(string method, string path, string body) => max.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
        Answer("GET", "/me", """{"user_id":123123123,"first_name":"Shop","username":"shop_bot","is_bot":true,"name":"Shop"}""");
        Answer("POST", "/subscriptions", """{"success":true}""");
        Answer("GET", "/subscriptions", """{"subscriptions":[]}""");
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
        await page.FillAsync("input[data-testid=bot-name], [data-testid=bot-name] input", "MAX shop");
        await page.ClickAsync("[data-testid=bot-messenger]");
        await page.Locator(".mud-list-item", new() { HasTextRegex = new Regex("^MAX$") }).ClickAsync();
        // The card shows the fields of the chosen messenger once the choice has gone round the circuit.
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("div[data-testid=bot-messenger]", new() { HasTextRegex = new Regex("^MAX$") }).WaitForAsync();
        await page.FillAsync("input[data-testid=bot-token], [data-testid=bot-token] input", MaxApiFake.Token);
        await page.FillAsync("input[data-testid=bot-url], [data-testid=bot-url] input", "https://bot.example.ru:443/Bots_UNF");
        await page.GetByLabel("API server address (optional)").FillAsync(max.Url!);
        await page.ClickAsync("[data-testid=bot-save]");
        var webhook = page.Locator("[data-testid=bot-webhook]");
        try
        {
            await webhook.WaitForAsync();
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-max-bot-card-failed.png"), FullPage = true });
            throw;
        }
        Assert.StartsWith("https://bot.example.ru:443/Bots_UNF/webhooks/", await webhook.InnerTextAsync());

        await page.ClickAsync("[data-testid=bot-check]");
        var outcome = page.Locator("[data-testid=bot-outcome]");
        await outcome.WaitForAsync();
        Assert.Contains("Connection established", await outcome.InnerTextAsync());
        Assert.Contains("@shop_bot", await outcome.InnerTextAsync());
        await page.Locator("[data-testid=bot-status]", new() { HasText = "Connection established" }).WaitForAsync();

        await page.ClickAsync("[data-testid=bot-register]");
        await page.Locator("[data-testid=bot-outcome]", new() { HasText = "Webhook registered" }).WaitForAsync();
        // Once when the active bot was saved (the card registers it by itself), once more by the button.
        var subscriptions = max.LogEntries.Where(e => e.RequestMessage.Path == "/subscriptions" && e.RequestMessage.Method == "POST").ToList();
        Assert.Equal(2, subscriptions.Count);
        var subscription = subscriptions[^1];
        Assert.StartsWith("https://bot.example.ru:443/Bots_UNF/webhooks/", (string?)System.Text.Json.Nodes.JsonNode.Parse(subscription.RequestMessage.Body!)!["url"]);
        Assert.Equal(MaxApiFake.Token, subscription.RequestMessage.Headers!["Authorization"].Single());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-max-bot-card.png") });
    }
}
