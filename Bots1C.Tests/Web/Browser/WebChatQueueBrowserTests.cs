using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bots1C.Tests.Web.Browser;

/// <summary>What a visitor types while the server cannot take it waits in the browser: every tab's messages, and a bounded
/// number of them.</summary>
public class WebChatQueueBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // The machine is shared with other builds: a live page may take a while to answer.
    private const float Live = 15_000;

    /// <summary>The visitor's messages in this browser's storage, waiting to be sent.</summary>
    private const string Unsent =
        "() => Object.keys(localStorage).filter(k => k.endsWith(':unsent')).flatMap(k => JSON.parse(localStorage.getItem(k)).map(m => m.text))";

    [Fact]
    public async Task Messages_typed_in_two_tabs_while_they_cannot_be_sent_are_all_kept_and_sent_later()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var botKey = await WebChatBotAsync(app, appUrl);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        await RefuseSendingAsync(context);
        var first = await WindowAsync(context, appUrl, botKey);
        var second = await WindowAsync(context, appUrl, botKey);

        await TypeAsync(first, "Из первой вкладки");
        await TypeAsync(second, "Из второй вкладки");
        await Eventually.GetAsync(() => second.EvaluateAsync<string[]>(Unsent), texts => texts.Length == 2, "both tabs' messages kept");
        await first.CloseAsync();
        await context.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await second.ReloadAsync();

        var stored = await Eventually.GetAsync(app.MessagesAsync, m => m.Count(x => x.Direction == MessageDirection.Incoming) == 2,
            "both tabs' messages stored");
        Assert.Contains(stored, m => m.Text == "Из первой вкладки");
        Assert.Contains(stored, m => m.Text == "Из второй вкладки");
        await Eventually.GetAsync(() => second.EvaluateAsync<string[]>(Unsent), texts => texts.Length == 0, "nothing left to send");
    }

    [Fact]
    public async Task At_most_fifty_messages_wait_and_the_oldest_beyond_them_is_marked_not_sent()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var botKey = await WebChatBotAsync(app, appUrl);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        await RefuseSendingAsync(context);
        var page = await WindowAsync(context, appUrl, botKey);

        await page.EvaluateAsync("""
            () => {
                const text = document.getElementById('wc-text'), form = document.getElementById('wc-form');
                for (let i = 1; i <= 51; i++) { text.value = 'Сообщение ' + i; form.requestSubmit(); }
            }
            """);

        await Expect(page.Locator(".wc-in[data-status=notSent]", new() { HasText = "Сообщение 1" }).First).ToBeVisibleAsync(new() { Timeout = Live });
        await Expect(page.Locator(".wc-in[data-status=sending]")).ToHaveCountAsync(50, new() { Timeout = Live });
        var kept = await page.EvaluateAsync<string[]>(Unsent);
        Assert.Equal(50, kept.Length);
        Assert.Equal("Сообщение 2", kept[0]);
        Assert.Equal("Сообщение 51", kept[^1]);
    }

    /// <summary>The server cannot be reached for sending (as while it restarts); the window itself still loads.</summary>
    private static Task RefuseSendingAsync(IBrowserContext context) =>
        context.RouteAsync("**/messages", route => route.Request.Method == "POST" ? route.AbortAsync() : route.ContinueAsync());

    private static async Task<IPage> WindowAsync(IBrowserContext context, string appUrl, string botKey)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{appUrl}/webchat/{botKey}");
        await Expect(page.Locator("body[data-connection=online]")).ToHaveCountAsync(1, new() { Timeout = Live });
        return page;
    }

    private static async Task TypeAsync(IPage page, string text)
    {
        await page.Locator("#wc-text").FillAsync(text);
        await page.Locator("#wc-text").PressAsync("Enter");
        await Expect(page.Locator(".wc-in[data-status=sending]", new() { HasText = text })).ToBeVisibleAsync(new() { Timeout = Live });
    }

    private static async Task<string> WebChatBotAsync(Bots1CAppFactory app, string appUrl) =>
        ApiClient.BotKeyOf(await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl }));
}
