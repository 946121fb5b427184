using System.Text.RegularExpressions;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Webhooks;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>An administrator connects a VK community bot through the bot card, against a fake VK API on loopback (listed in
/// Bots1C:Messengers:ApiAllowedHosts by the test app).</summary>
public class VkBotCardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static void Answers(WireMockServer vk, string method, string body) =>
        vk.Given(Request.Create().WithPath($"/method/{method}").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task A_VK_bot_is_added_with_its_community_id_checked_green_and_its_callback_server_registered()
    {
        using var vk = WireMockServer.Start();
        Answers(vk, "groups.getById", """{"response":{"groups":[{"id":214167102,"name":"Ромашка: доставка","screen_name":"romashka","type":"group"}],"profiles":[]}}""");
        Answers(vk, "groups.getCallbackServers", """{"response":{"count":0,"items":[]}}""");
        Answers(vk, "groups.addCallbackServer", """{"response":{"server_id":4}}""");
        Answers(vk, "groups.setCallbackSettings", """{"response":1}""");
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
        await page.FillAsync("input[data-testid=bot-name], [data-testid=bot-name] input", "VK shop");
        await page.ClickAsync("[data-testid=bot-messenger]");
        await page.Locator(".mud-list-item").Filter(new() { HasTextRegex = new Regex(@"^\s*VK\s*$") }).ClickAsync();
        await page.Locator("[data-testid=bot-extra-id]").WaitForAsync();
        await page.FillAsync("input[data-testid=bot-token], [data-testid=bot-token] input", VkWebhookTests.Token);
        await page.FillAsync("input[data-testid=bot-extra-id], [data-testid=bot-extra-id] input", "club214167102");
        await page.FillAsync("input[data-testid=bot-url], [data-testid=bot-url] input", "https://bot.example.ru/Bots_UNF");
        await page.GetByLabel("API server address (optional)").FillAsync(vk.Url!);
        await page.ClickAsync("[data-testid=bot-save]");
        await page.GetByText("This id does not look like the one the messenger gives").WaitForAsync();

        await page.FillAsync("input[data-testid=bot-extra-id], [data-testid=bot-extra-id] input", VkWebhookTests.Community);
        await page.PressAsync("input[data-testid=bot-extra-id], [data-testid=bot-extra-id] input", "Tab");
        // The corrected field drops its error as soon as its change has gone round the circuit; then save.
        await page.GetByText("This id does not look like the one the messenger gives").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=bot-save]");
        var webhook = page.Locator("[data-testid=bot-webhook]");
        await webhook.WaitForAsync(new() { Timeout = 60_000 });
        var url = await webhook.InnerTextAsync();
        Assert.StartsWith("https://bot.example.ru/Bots_UNF/webhooks/", url);

        await page.ClickAsync("[data-testid=bot-check]");
        var outcome = page.Locator("[data-testid=bot-outcome]");
        await outcome.WaitForAsync();
        Assert.Contains("Connection established (Ромашка: доставка)", await outcome.InnerTextAsync());
        await page.Locator("[data-testid=bot-status]", new() { HasText = "Connection established" }).WaitForAsync();

        await page.ClickAsync("[data-testid=bot-register]");
        await page.Locator("[data-testid=bot-outcome]", new() { HasText = "Webhook registered." }).WaitForAsync();
        // Once when the active bot was saved (the card registers it by itself), once more by the button.
        var registrations = vk.LogEntries.Where(e => e.RequestMessage.Path == "/method/groups.addCallbackServer").ToList();
        Assert.Equal(2, registrations.Count);
        var added = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(registrations[^1].RequestMessage.Body);
        Assert.Equal((url, "214167102"), (added["url"].ToString(), added["group_id"].ToString()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-vk-bot-card.png") });
    }
}
