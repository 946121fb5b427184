using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bots1C.Tests.Web.Browser;

/// <summary>Times are read on the person's wall clock: their browser's time zone, not the server's.</summary>
public class DatesBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // 10:49 UTC is 20:49 in Vladivostok (UTC+10, no daylight saving).
    private static readonly DateTimeOffset KnownMoment = new(2026, 2, 12, 10, 49, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_operator_in_Vladivostok_sees_a_messages_time_on_the_Vladivostok_clock_in_Russian()
    {
        using var app = new Bots1CAppFactory();
        var appUrl = app.StartOnKestrel();
        var conversationId = await ConversationWithOneMessageAtAsync(app, KnownMoment);
        await using var context = await SignedInInVladivostokAsync(app, appUrl);
        var page = context.Pages[0];

        await page.OpenAsync($"{appUrl}/messenger/{conversationId}");

        await Expect(page.Locator("[data-testid=bubble] .bubble-time").First).ToHaveTextAsync("12.02.2026 20:49");
        await Expect(page.Locator("[data-testid=dialog-row] .dialog-time")).ToHaveAttributeAsync("title", "12.02.2026 20:49");
    }

    [Fact]
    public async Task On_a_first_visit_before_the_browser_has_told_its_time_zone_the_page_still_shows_times_on_the_browsers_clock()
    {
        using var app = new Bots1CAppFactory();
        var appUrl = app.StartOnKestrel();
        var conversationId = await ConversationWithOneMessageAtAsync(app, KnownMoment);
        await using var context = await SignedInInVladivostokAsync(app, appUrl);
        var page = context.Pages[0];
        // The page request below carries no zone (as on a first visit, or with the cookie cleared); the page's script tells it.
        await context.ClearCookiesAsync(new BrowserContextClearCookiesOptions { Name = "bots1c-tz" });

        await page.OpenAsync($"{appUrl}/messenger/{conversationId}");

        await Expect(page.Locator("[data-testid=bubble] .bubble-time").First).ToHaveTextAsync("12.02.2026 20:49", new() { Timeout = 15_000 });
    }

    /// <summary>A Russian-speaking operator's browser on the Vladivostok clock, signed in; its one page is open.</summary>
    private async Task<IBrowserContext> SignedInInVladivostokAsync(Bots1CAppFactory app, string appUrl)
    {
        await app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Roles.Operator);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ru-RU", TimezoneId = "Asia/Vladivostok",
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "anna@example.ru");
        return context;
    }

    private static async Task<long> ConversationWithOneMessageAtAsync(Bots1CAppFactory app, DateTimeOffset at)
    {
        var bot = await app.Services.GetRequiredService<BotCatalog>().CreateAsync(
            new BotInput { Name = "Shop", Messenger = Messenger.WebChat, PublicBaseUrl = "https://bot.example.ru" }, "test");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        var contact = new Contact { BotId = bot.Bot!.Id, ExternalUserId = "u-vlad", FirstName = "Ольга", CreatedAt = at, UpdatedAt = at };
        var conversation = new Conversation
        {
            BotId = bot.Bot.Id, Contact = contact, ChatId = contact.ExternalUserId, CreatedAt = at, LastMessageAt = at,
            LastMessagePreview = "Где мой заказ?",
        };
        db.Messages.Add(new Message
        {
            Conversation = conversation, Direction = MessageDirection.Incoming, Kind = MessageKind.Text, Text = "Где мой заказ?", CreatedAt = at,
        });
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }
}
