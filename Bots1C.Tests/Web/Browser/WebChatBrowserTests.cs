using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The web chat as a customer's site uses it: a page on another origin embeds the one-line snippet.</summary>
public class WebChatBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_visitor_on_another_site_writes_and_sees_the_reply_arrive_live()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start(); // the company's own site, on another loopback origin
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url,
        });
        var snippet = bot.GetProperty("embedSnippet").GetString();
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><head><title>Shop</title></head><body><h1>Our shop</h1>{snippet}</body></html>"));

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "/");
        await page.ClickAsync("[data-bots1c=launcher]");
        var chat = page.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-send").WaitForAsync();
        Assert.Equal("Отправить", await chat.Locator("#wc-send").InnerTextAsync());

        await chat.Locator("#wc-text").FillAsync("Где мой заказ?");
        await chat.Locator("#wc-text").PressAsync("Enter");

        var stored = await Eventually.GetAsync(app.MessagesAsync, m => m.Count == 1, "the visitor's message to be stored");
        Assert.Equal("Где мой заказ?", stored[0].Text);

        var contact = Assert.Single(await app.ContactsAsync());
        await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Заказ уже в пути!" });

        var reply = chat.Locator(".wc-out", new FrameLocatorLocatorOptions { HasText = "Заказ уже в пути!" });
        await reply.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Equal(1, await chat.Locator(".wc-in").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-webchat.png") });
    }
}
