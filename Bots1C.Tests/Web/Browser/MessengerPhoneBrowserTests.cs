using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The operator's messenger on a phone (390×844): one pane at a time — list, chat, contact — with a way back;
/// and on a wide screen the three panes as before. Also: the main pages fit a phone's width.</summary>
public class MessengerPhoneBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PhoneWidth = 390;
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToBeHiddenOptions Gone = new() { Timeout = 15_000 };

    [Fact]
    public async Task At_phone_width_the_dialog_list_shows_alone_and_a_dialog_opens_full_width_with_the_composer_in_view()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, "/messenger");

        await Assertions.Expect(page.Locator("[data-testid=dialog-list]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=no-dialog]")).ToBeHiddenAsync(Gone);
        Assert.True(await WidthOfAsync(page, "[data-testid=dialog-list]") >= PhoneWidth - 40, "the list takes the whole width");

        await page.Locator("[data-testid=dialog-row]").First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=dialog-list]")).ToBeHiddenAsync(Gone);
        await Assertions.Expect(page.Locator("[data-testid=chat-back]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=composer-text]")).ToBeInViewportAsync(new() { Ratio = 1, Timeout = 15_000 });
        Assert.True(await WidthOfAsync(page, "[data-testid=chat]") >= PhoneWidth - 40, "the chat takes the whole width");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-messenger-phone.png") });
    }

    [Fact]
    public async Task At_phone_width_the_back_button_and_the_browsers_back_both_return_from_the_chat_to_the_list()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, "/messenger");
        var row = page.Locator("[data-testid=dialog-row]").First;

        await row.ClickAsync();
        await page.Locator("[data-testid=chat-back]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-list]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeHiddenAsync(Gone);
        Assert.EndsWith("/messenger", page.Url);

        await row.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-list]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeHiddenAsync(Gone);
    }

    [Fact]
    public async Task At_phone_width_the_contact_opens_from_the_chat_header_and_back_returns_to_the_chat()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, $"/messenger/{messenger.ConversationIds[0]}");
        await Assertions.Expect(page.Locator("[data-testid=contact-panel]")).ToBeHiddenAsync(Gone);

        await page.Locator("[data-testid=contact-open]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=contact-panel]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeHiddenAsync(Gone);
        Assert.True(await WidthOfAsync(page, "[data-testid=contact-panel]") >= PhoneWidth - 40, "the contact takes the whole width");

        await page.Locator("[data-testid=contact-back]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=contact-panel]")).ToBeHiddenAsync(Gone);
    }

    [Fact]
    public async Task At_phone_width_Escape_steps_back_from_the_contact_to_the_chat_and_then_to_the_list()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, $"/messenger/{messenger.ConversationIds[0]}");
        await page.Locator("[data-testid=contact-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=contact-panel]")).ToBeVisibleAsync(Live);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=contact-panel]")).ToBeHiddenAsync(Gone);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=dialog-list]")).ToBeVisibleAsync(Live);
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeHiddenAsync(Gone);
    }

    [Fact]
    public async Task At_desktop_width_the_three_panes_stay_side_by_side_and_the_phones_back_buttons_stay_hidden()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, 1280, 800, $"/messenger/{messenger.ConversationIds[0]}");
        await Assertions.Expect(page.Locator("[data-testid=chat]")).ToBeVisibleAsync(Live);

        var list = await BoxOfAsync(page, "[data-testid=dialog-list]");
        var chat = await BoxOfAsync(page, "[data-testid=chat]");
        var contact = await BoxOfAsync(page, "[data-testid=contact-panel]");
        Assert.True(list.X + list.Width <= chat.X + 1 && chat.X + chat.Width <= contact.X + 1, "list, chat and contact from left to right");
        Assert.True(Math.Abs(list.Y - chat.Y) < 2 && Math.Abs(chat.Y - contact.Y) < 2, "on one row");
        Assert.True(chat.Width > 300, "the chat has room");
        // The phone's controls are there but not shown on a wide screen.
        await Assertions.Expect(page.Locator("[data-testid=chat-back]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=chat-back]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=contact-open]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task At_phone_width_the_menu_opens_over_the_page_and_closes_once_a_page_is_chosen()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, "/dashboard");
        var drawer = page.Locator(".mud-drawer");
        await Assertions.Expect(drawer).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));

        await page.Locator(".mud-appbar .mud-icon-button").First.ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        Assert.Equal(0, (await BoxOfAsync(page, ".mud-main-content")).X); // over the page, not pushing it aside

        await drawer.Locator("a[href='bots']").ClickAsync();
        await page.WaitForURLAsync("**/bots");
        await Assertions.Expect(drawer).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
    }

    [Fact]
    public async Task At_phone_width_the_main_pages_do_not_scroll_sideways()
    {
        await using var messenger = await PhoneMessenger.StartAsync(visitors: 1);
        var page = await OpenAsync(messenger, PhoneWidth, 844, "/dashboard");
        string[] pages =
        [
            "/dashboard", "/bots", $"/bots/{messenger.BotId}", "/scenarios", "/directory/contacts", "/print-forms", "/admin/users",
            "/messenger", $"/messenger/{messenger.ConversationIds[0]}",
        ];
        var tooWide = new List<string>();
        foreach (var path in pages)
        {
            await page.OpenAsync(messenger.AppUrl + path);
            await Assertions.Expect(page.Locator(".mud-main-content")).ToBeVisibleAsync(Live);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
                tooWide.Add($"{path}: {width} px ({await page.EvaluateAsync<string>(WidestElements)})");
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(Path.GetTempPath(), "bots1c-phone" + path.Replace('/', '-') + ".png"),
            });
        }
        Assert.True(tooWide.Count == 0, "Pages wider than the phone: " + string.Join("; ", tooWide));
    }

    /// <summary>Names the elements that stick out to the right, so a failure says where to look.</summary>
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).join(', ')
        """;

    private async Task<IPage> OpenAsync(PhoneMessenger messenger, int width, int height, string path)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 900, HasTouch = width < 900,
        });
        messenger.Contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(messenger.AppUrl, PhoneMessenger.Operator);
        await page.OpenAsync(messenger.AppUrl + path);
        return page;
    }

    private static async Task<float> WidthOfAsync(IPage page, string selector) => (await BoxOfAsync(page, selector)).Width;

    private static async Task<LocatorBoundingBoxResult> BoxOfAsync(IPage page, string selector) =>
        await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException(selector + " is not shown");
}

/// <summary>A running app with a web-chat bot, an administrator who answers, and dialogs started by visitors over HTTP.</summary>
public sealed class PhoneMessenger : IAsyncDisposable
{
    public const string Operator = "olga@example.ru";

    private PhoneMessenger(Bots1CAppFactory app, string appUrl, long botId, IReadOnlyList<long> conversationIds)
    {
        App = app;
        AppUrl = appUrl;
        BotId = botId;
        ConversationIds = conversationIds;
    }

    public Bots1CAppFactory App { get; }
    public string AppUrl { get; }
    public long BotId { get; }
    /// <summary>Oldest first.</summary>
    public IReadOnlyList<long> ConversationIds { get; }
    public List<IBrowserContext> Contexts { get; } = [];

    public static async Task<PhoneMessenger> StartAsync(int visitors)
    {
        var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl, allowedOrigins = "https://shop.example.ru",
        });
        var botKey = ApiClient.BotKeyOf(bot);
        await app.CreateUserAsync(Operator, HtmlForms.Password, Roles.Administrator);
        using var web = new HttpClient { BaseAddress = new Uri(appUrl) };
        for (var i = 1; i <= visitors; i++)
        {
            var session = await web.PostAsJsonAsync($"/webchat/{botKey}/session", new { });
            var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{botKey}/messages")
            {
                Content = JsonContent.Create(new { id = $"m-{i}", text = $"Question number {i}" }),
            };
            request.Headers.Add("X-Visitor-Token", token);
            (await web.SendAsync(request)).EnsureSuccessStatusCode();
        }
        var ids = await Eventually.GetAsync(async () =>
        {
            await using var db = await app.Db();
            return await db.Conversations.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        }, found => found.Count == visitors, $"{visitors} conversation(s)");
        return new PhoneMessenger(app, appUrl, bot.GetProperty("id").GetInt64(), ids);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in Contexts)
            await context.DisposeAsync();
        App.Dispose();
    }
}
