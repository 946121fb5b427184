using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Browser;

/// <summary>Two operators and one web-chat visitor, each in their own browser: the whole live loop of the messenger.</summary>
public class MessengerBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task Two_operators_see_a_visitors_conversation_live_one_takes_it_answers_closes_and_the_visitor_reopens_it()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        using var site = WireMockServer.Start();
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = site.Url });
        site.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/html; charset=utf-8")
            .WithBody($"<!DOCTYPE html><html><head><title>Shop</title></head><body>{bot.GetProperty("embedSnippet").GetString()}</body></html>"));
        await app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator);
        await app.CreateUserAsync("boris@example.ru", HtmlForms.Password, Roles.Operator);

        await using var annaContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        await using var borisContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        await using var visitorContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var anna = await OpenMessengerAsync(annaContext, appUrl, "anna@example.ru");
        var boris = await OpenMessengerAsync(borisContext, appUrl, "boris@example.ru");

        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(site.Url + "/");
        await visitor.ClickAsync("[data-bots1c=launcher]");
        var chat = visitor.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("Здравствуйте, пришлите счёт");
        await chat.Locator("#wc-text").PressAsync("Enter");

        // Both operators see the dialog appear without reloading.
        var annaRow = anna.Locator("[data-testid=dialog-row]", new() { HasText = "Здравствуйте, пришлите счёт" });
        var borisRow = boris.Locator("[data-testid=dialog-row]", new() { HasText = "Здравствуйте, пришлите счёт" });
        await annaRow.WaitForAsync(Live);
        await borisRow.WaitForAsync(Live);
        Assert.Equal("1", await annaRow.Locator("[data-testid=dialog-unread]").InnerTextAsync());

        await annaRow.ClickAsync();
        await anna.Locator("[data-testid=chat]").WaitForAsync(Live);
        await anna.ClickAsync("[data-testid=take-over]");
        await anna.Locator("[data-testid=chat-state]", new() { HasText = "Mine" }).WaitForAsync(Live);

        // Boris sees that Anna has it, and cannot take it himself.
        await borisRow.Locator("[data-testid=dialog-state]", new() { HasText = "With anna" }).WaitForAsync(Live);
        await borisRow.ClickAsync();
        await boris.Locator("[data-testid=chat]").WaitForAsync(Live);
        Assert.True(await boris.Locator("[data-testid=take-over]").IsDisabledAsync());
        await anna.Locator("[data-testid=presence]", new() { HasText = "boris" }).WaitForAsync(Live);

        await anna.Locator("[data-testid=composer-text]").FillAsync("Добрый день! Счёт уже отправляю.");
        await anna.Locator("[data-testid=composer-text]").PressAsync("Enter");
        await chat.Locator(".wc-out", new() { HasText = "Счёт уже отправляю" }).WaitForAsync(Live);
        await boris.Locator("[data-testid=bubble][data-kind=operator]", new() { HasText = "Счёт уже отправляю" }).WaitForAsync(Live);

        await anna.ClickAsync("[data-testid=close-dialog]");
        await anna.Locator("textarea[data-testid=close-message], [data-testid=close-message] textarea").FillAsync("Спасибо за обращение!");
        await anna.ClickAsync("[data-testid=close-confirm]");
        await chat.Locator(".wc-out", new() { HasText = "Спасибо за обращение!" }).WaitForAsync(Live);
        await anna.Locator("[data-testid=chat-state]", new() { HasText = "Closed" }).WaitForAsync(Live);
        await borisRow.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 }); // gone from "All open"

        await chat.Locator("#wc-text").FillAsync("Ещё вопрос");
        await chat.Locator("#wc-text").PressAsync("Enter");
        await boris.Locator("[data-testid=dialog-row]", new() { HasText = "Ещё вопрос" }).WaitForAsync(Live);
        await anna.Locator("[data-testid=bubble][data-kind=system]", new() { HasText = "the conversation is open" }).WaitForAsync(Live);
        Assert.DoesNotContain("Closed", await anna.Locator("[data-testid=chat-state]").InnerTextAsync());
        await anna.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-messenger.png") });
    }

    private static async Task<IPage> OpenMessengerAsync(IBrowserContext context, string appUrl, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await page.SignInAsync(appUrl, email);
        await page.OpenAsync(appUrl + "/messenger");
        await page.Locator("[data-testid=dialog-list]").WaitForAsync();
        return page;
    }
}
