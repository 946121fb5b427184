using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.FirstRun;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Welcome;

/// <summary>The welcome tour's demo bot, against the real services and SQLite file.</summary>
public class DemoSetupTests : IDisposable
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithoutLicense();

    private DemoSetup Demo => _app.Services.GetRequiredService<DemoSetup>();

    private Task<DemoBotOutcome> RunAsync() => Demo.EnsureAsync("http://localhost:5080/", "Демо веб-чат", Russian, "admin@example.ru");

    [Fact]
    public async Task The_demo_bot_is_an_active_web_chat_on_this_app_with_the_templates_as_main_menu_and_not_matched()
    {
        await _app.InstallTestLicenseAsync();

        var outcome = await RunAsync();

        Assert.True(outcome.Created);
        await using var db = await _app.Db();
        var bot = await db.Bots.SingleAsync();
        Assert.Equal((Messenger.WebChat, BotState.Active, "http://localhost:5080", "http://localhost:5080", true),
            (bot.Messenger, bot.State, bot.PublicBaseUrl, bot.AllowedOrigins, bot.IsDemo));
        var keys = await db.Scenarios.ToDictionaryAsync(s => s.Id, s => s.Key);
        Assert.Equal((DemoSetup.MainMenuKey, DemoSetup.NotMatchedKey), (keys[bot.MainMenuScenarioId!.Value], keys[bot.NotMatchedScenarioId!.Value]));
        Assert.Equal(_app.Services.GetRequiredService<ScenarioTemplates>().List(Russian).Count, keys.Count);
    }

    [Fact]
    public async Task Running_the_tour_twice_makes_no_second_bot_and_no_duplicate_scenarios()
    {
        await _app.InstallTestLicenseAsync();
        var first = await RunAsync();

        var second = await RunAsync();

        Assert.False(second.Created);
        Assert.Equal(first.Bot!.Id, second.Bot!.Id);
        await using var db = await _app.Db();
        Assert.Equal(1, await db.Bots.CountAsync());
        Assert.Equal(_app.Services.GetRequiredService<ScenarioTemplates>().List(Russian).Count, await db.Scenarios.CountAsync());
    }

    [Fact]
    public async Task A_template_someone_edited_since_is_kept_not_duplicated_when_the_tour_runs_again()
    {
        await _app.InstallTestLicenseAsync();
        await RunAsync();
        await using (var db = await _app.Db())
        {
            var menu = await db.Scenarios.SingleAsync(s => s.Key == DemoSetup.MainMenuKey);
            menu.Name = "Наше главное меню";
            await db.SaveChangesAsync();
        }

        await RunAsync();

        await using var check = await _app.Db();
        Assert.Equal(["Наше главное меню"], await check.Scenarios.Where(s => s.Key == DemoSetup.MainMenuKey).Select(s => s.Name).ToListAsync());
        Assert.Equal(_app.Services.GetRequiredService<ScenarioTemplates>().List(Russian).Count, await check.Scenarios.CountAsync());
    }

    [Fact]
    public async Task The_operator_step_stays_done_after_the_operator_closes_the_dialog()
    {
        await _app.InstallTestLicenseAsync();
        var bot = (await RunAsync()).Bot!;
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation
        {
            BotId = bot.Id, ChatId = "v_visitor", CreatedAt = now, LastMessageAt = now, Mode = ConversationMode.WaitingForOperator, WaitingSince = now,
            Contact = new Contact { BotId = bot.Id, ExternalUserId = "v_visitor", CreatedAt = now, UpdatedAt = now },
        };
        await using (var db = await _app.Db())
        {
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
        }
        var me = new OperatorRef((await _app.CreateUserAsync("olga@example.ru", "Passw0rd!x", "Operator")).Id, "Olga");
        var control = _app.Services.GetRequiredService<ConversationControl>();
        Assert.False((await Demo.ProgressAsync(bot.Id)).OperatorTookOver);

        await control.TakeOverAsync(conversation.Id, me);
        Assert.True((await Demo.ProgressAsync(bot.Id)).OperatorTookOver);
        await control.CloseAsync(conversation.Id, me, null);

        var progress = await Demo.ProgressAsync(bot.Id);
        Assert.Equal((0, true), (progress.WithOperator, progress.OperatorTookOver));
    }

    [Fact]
    public async Task Without_a_license_the_demo_bot_is_refused_with_the_license_error()
    {
        var outcome = await RunAsync();

        Assert.Equal(Bots1C.Domain.Licensing.LicenseError.NoLicense, outcome.LicenseRefusal?.Error);
        Assert.Null(await Demo.FindAsync());
    }

    [Fact]
    public async Task The_demo_page_embeds_the_demo_bots_chat_and_needs_no_sign_in()
    {
        await _app.InstallTestLicenseAsync();
        var bot = (await RunAsync()).Bot!;

        var html = await _app.CreateClient().GetStringAsync("/demo");

        Assert.Contains($"<script src=\"http://localhost:5080/assets/webchat.js\" data-bot=\"{bot.BotKey}\" async></script>", html);
    }

    [Fact]
    public async Task Without_a_demo_bot_the_demo_page_says_how_to_make_one()
    {
        var page = await _app.CreateClient().GetPageAsync("/demo");

        Assert.NotNull(page.QuerySelector("[data-testid=demo-missing] a[href='/welcome']"));
    }

    public void Dispose() => _app.Dispose();
}
