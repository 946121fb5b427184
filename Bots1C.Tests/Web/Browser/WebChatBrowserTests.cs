using Bots1C.Domain.Conversations;
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

    [Fact]
    public async Task A_site_that_knows_its_visitor_names_them_for_the_operators()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start();
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url });
        // The customer's cabinet puts its signed-in customer's name on the snippet (quotes escaped as the site's template would).
        var snippet = bot.GetProperty("embedSnippet").GetString()!.Replace(" async>", " data-visitor-name=\"  Иван &quot;Ёж&quot; Петров \" async>");
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><body>{snippet}</body></html>"));

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "/");
        await page.ClickAsync("[data-bots1c=launcher]");
        var chat = page.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("Здравствуйте");
        await chat.Locator("#wc-text").PressAsync("Enter");

        await Eventually.GetAsync(app.MessagesAsync, m => m.Count == 1, "the visitor's message to be stored");
        var contact = Assert.Single(await app.ContactsAsync());
        Assert.Equal("Иван \"Ёж\" Петров", contact.DisplayName);
        Assert.StartsWith("v_", contact.ExternalUserId);
    }

    [Fact]
    public async Task The_window_tells_the_bot_the_browsers_language()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start();
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url });
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><body>{bot.GetProperty("embedSnippet").GetString()}</body></html>"));

        // The browser speaks English while its requests claim Russian (a shared or misconfigured machine): the browser's own
        // language is the one the visitor reads the bot in.
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "ru-RU,ru;q=0.9" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url + "/");
        await page.ClickAsync("[data-bots1c=launcher]");
        var chat = page.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("Hello");
        await chat.Locator("#wc-text").PressAsync("Enter");

        await Eventually.GetAsync(app.MessagesAsync, m => m.Count == 1, "the visitor's message to be stored");
        Assert.Equal("en-GB", Assert.Single(await app.ContactsAsync()).LanguageCode);
    }

    [Fact]
    public async Task A_visitor_presses_a_bots_button_and_the_press_is_stored_with_its_payload()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start();
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url });
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><body>{bot.GetProperty("embedSnippet").GetString()}</body></html>"));

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var alerts = 0;
        page.Dialog += async (_, dialog) => { alerts++; await dialog.DismissAsync(); };
        await page.GotoAsync(site.Url + "/");
        await page.ClickAsync("[data-bots1c=launcher]");
        var chat = page.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("Хочу оплатить заказ");
        await chat.Locator("#wc-text").PressAsync("Enter");
        await Eventually.GetAsync(app.MessagesAsync, m => m.Count == 1, "the visitor's message to be stored");

        var contact = Assert.Single(await app.ContactsAsync());
        var sent = await api.PostJsonAsync("/api/v1/messages", new
        {
            contactId = contact.Id, text = "Как оплатить?",
            buttons = new object[]
            {
                new { kind = "Callback", text = "Картой", payload = "pay:card:42" },
                new { kind = "Callback", text = "<img src=x onerror=alert(1)>", payload = "pay:cash:42" },
                new { kind = "SharePhone", text = "Мой телефон" },
                new { kind = "OpenUrl", text = "Условия", payload = "https://shop.example.ru/terms" },
            },
        });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);

        var card = chat.Locator(".wc-buttons button", new FrameLocatorLocatorOptions { HasText = "Картой" });
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        // Bot texts are shown as text, never as markup; SharePhone has no meaning in a browser and is not drawn.
        Assert.Equal(2, await chat.Locator(".wc-buttons button").CountAsync());
        Assert.Equal("<img src=x onerror=alert(1)>", await chat.Locator(".wc-buttons button").Nth(1).InnerTextAsync());
        Assert.Equal(0, await chat.Locator(".wc-buttons img").CountAsync());
        var terms = chat.Locator(".wc-buttons a", new FrameLocatorLocatorOptions { HasText = "Условия" });
        Assert.Equal("https://shop.example.ru/terms", await terms.GetAttributeAsync("href"));
        Assert.Equal("_blank", await terms.GetAttributeAsync("target"));
        Assert.Equal("noopener", await terms.GetAttributeAsync("rel"));

        await card.ClickAsync();

        var stored = await Eventually.GetAsync(app.MessagesAsync, m => m.Count == 3, "the press to be stored");
        Assert.Equal(MessageKind.ButtonPress, stored[2].Kind);
        Assert.Equal(MessageDirection.Incoming, stored[2].Direction);
        Assert.Equal("pay:card:42", stored[2].ButtonData);
        Assert.Equal("Картой", stored[2].Text);
        // The window shows the choice as the visitor's message, and the answered buttons can no longer be pressed.
        await chat.Locator(".wc-in.wc-choice", new FrameLocatorLocatorOptions { HasText = "Картой" }).WaitForAsync();
        Assert.True(await card.IsDisabledAsync());
        Assert.Equal(0, alerts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-webchat-buttons.png") });
    }
}
