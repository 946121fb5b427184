using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>
/// The newcomer's five minutes on a fresh data folder, in real Chromium against real Kestrel: first administrator →
/// welcome tour → test license offline → demo web-chat bot → the demo site, where a visitor gets the main menu and calls
/// an operator → the operator takes the dialog over and replies into the visitor's window.
/// With <c>BOTS1C_SCREENSHOTS</c> set to a folder, it saves the screenshots of docs/getting-started.md there.
/// </summary>
public class WelcomeWizardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 20_000 };
    private static Task ShotAsync(IPage page, string name) => DocScreenshots.SaveAsync(page, "getting-started", name);

    [Fact]
    public async Task A_newcomer_gets_a_demo_bot_answering_and_replies_to_its_visitor_as_an_operator()
    {
        using var app = new Bots1CAppFactory().WithoutLicense();
        var appUrl = app.StartOnKestrel();
        await using var adminContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 860 } });
        var admin = await adminContext.NewPageAsync();

        // The first administrator; the welcome tour follows.
        await admin.GotoAsync(appUrl + "/");
        await admin.FillAsync("#name", "Anna Petrova");
        await admin.FillAsync("#email", "anna@example.ru");
        await admin.FillAsync("#password", HtmlForms.Password);
        await admin.FillAsync("#confirm", HtmlForms.Password);
        await admin.ClickAsync("[data-testid=submit]");
        await admin.WaitForURLAsync("**/welcome", new() { Timeout = 30_000 });
        await admin.WaitForCircuitAsync();
        await ShotAsync(admin, "01-welcome");

        // 1. A test license, offline.
        await admin.ClickAsync("[data-testid=welcome-license-get]");
        await admin.Locator("[data-testid=welcome-license-done]", new() { HasText = "License installed: Test" }).WaitForAsync(Live);

        // 2. The demo bot with the shipped scenarios.
        await admin.ClickAsync("[data-testid=welcome-bot-create]");
        await admin.Locator("[data-testid=welcome-bot-done]", new() { HasText = "Demo web chat" }).WaitForAsync(Live);
        Assert.StartsWith("bots/", await admin.Locator("[data-testid=welcome-bot-card]").GetAttributeAsync("href"));
        Assert.StartsWith("scenarios/", await admin.Locator("[data-testid=welcome-bot-menu]").GetAttributeAsync("href"));
        await ShotAsync(admin, "02-demo-bot");

        // 3. A visitor on the demo site (not signed in) writes "menu" and gets the main menu, then calls an operator.
        await using var visitorContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 1100, Height = 760 } });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(appUrl + "/demo");
        await visitor.ClickAsync("[data-bots1c=launcher]");
        var chat = visitor.FrameLocator("[data-bots1c=window]");
        await chat.Locator("#wc-text").FillAsync("menu");
        await chat.Locator("#wc-text").PressAsync("Enter");
        await chat.Locator(".wc-out", new() { HasText = "How can we help?" }).WaitForAsync(Live);
        await ShotAsync(visitor, "03-demo-site-menu");
        await chat.Locator(".wc-button", new() { HasText = "Call an operator" }).ClickAsync();
        await chat.Locator(".wc-out", new() { HasText = "passing the conversation to an operator" }).WaitForAsync(Live);

        // 4. The tour sees it waiting (live), and leads to the dialog in the messenger.
        await admin.Locator("[data-testid=welcome-progress]", new() { HasText = "waiting for an operator: 1" }).WaitForAsync(Live);
        await ShotAsync(admin, "04-waiting");
        await admin.ClickAsync("[data-testid=welcome-messenger]");
        await admin.Locator("[data-testid=chat]").WaitForAsync(Live);
        await admin.ClickAsync("[data-testid=take-over]");
        await admin.Locator("[data-testid=chat-state]", new() { HasText = "Mine" }).WaitForAsync(Live);
        await admin.Locator("[data-testid=composer-text]").FillAsync("Hello! I am Anna, how can I help?");
        await admin.Locator("[data-testid=composer-text]").PressAsync("Enter");
        await admin.Locator("[data-testid=bubble][data-kind=operator]", new() { HasText = "I am Anna" }).WaitForAsync(Live);
        await ShotAsync(admin, "05-messenger");

        await chat.Locator(".wc-out", new() { HasText = "I am Anna, how can I help?" }).WaitForAsync(Live);
        await ShotAsync(visitor, "06-visitor-reply");

        // 5. The same dialog on the operator's phone: the chat alone, full width, with the reply box in view.
        await admin.SetViewportSizeAsync(390, 844);
        await admin.ReloadAsync();
        await admin.WaitForCircuitAsync();
        await admin.Locator("[data-testid=bubble][data-kind=operator]", new() { HasText = "I am Anna" }).WaitForAsync(Live);
        await Assertions.Expect(admin.Locator("[data-testid=composer-text]")).ToBeInViewportAsync(new() { Ratio = 1, Timeout = 15_000 });
        await ShotAsync(admin, "07-phone");
    }
}
