using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Diagnostics;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.Bots;

/// <summary>As the guide has it, ordinary users set up a bot's business logic: a manager opens the bot card and changes its
/// scenarios, never its token, address or other settings — the services refuse those whatever the page shows.</summary>
public class ManagerBotCardTests : MudTestContext
{
    private const string Url = "https://bot.example.ru/bots_unf";
    private readonly Bots1CAppFactory _app = new();

    public ManagerBotCardTests()
    {
        foreach (var type in new[] { typeof(BotCatalog), typeof(BotConnection), typeof(BotSaveChecks), typeof(Bots1C.Domain.Channels.ChannelAdapters),
                     typeof(BotScenarioSettings), typeof(ScenarioCatalog), typeof(StarterScenarios) })
            Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        AddAuthorization().SetAuthorized("manager@example.ru").SetRoles(Roles.Manager);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }

    private BotCatalog Catalog => _app.Services.GetRequiredService<BotCatalog>();

    private async Task<long> TelegramBotAsync() =>
        (await Catalog.CreateAsync(new BotInput { Name = "Shop", Messenger = Messenger.Telegram, Token = MessagePath.TelegramToken, PublicBaseUrl = Url },
            "admin@example.ru")).Bot!.Id;

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@example.ru"), new Claim(ClaimTypes.Role, role)], "test"));

    [Fact]
    public async Task A_manager_sees_the_bot_card_read_only_except_its_scenarios()
    {
        var bot = await TelegramBotAsync();
        await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));

        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot));

        card.WaitForElement("[data-testid=bot-scenarios-save]");
        card.Find("[data-testid=bot-read-only]");
        Assert.Empty(card.FindAll("[data-testid=bot-save]"));
        Assert.Empty(card.FindAll("[data-testid=bot-check]"));
        Assert.Empty(card.FindAll("[data-testid=bot-register]"));
        Assert.NotNull(card.Find("input[data-testid=bot-url]").GetAttribute("readonly"));
        Assert.NotNull(card.Find("input[data-testid=bot-token]").GetAttribute("readonly"));
    }

    [Fact]
    public async Task A_manager_saves_the_bots_scenarios_from_the_card()
    {
        var bot = await TelegramBotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot));
        card.WaitForElement("[data-testid=bot-scenarios-save]");

        var section = card.FindComponent<BotScenariosSection>();
        await section.InvokeAsync(() => section.FindComponents<MudSelect<long?>>()[0].Instance.ValueChanged.InvokeAsync(menu));
        await section.Find("[data-testid=bot-scenarios-save]").ClickAsync(new());

        var stored = await Eventually.GetAsync(() => _app.Services.GetRequiredService<BotScenarioSettings>().GetAsync(bot),
            s => s!.MainMenuScenarioId is not null, "the manager's choice saved");
        Assert.Equal(menu, stored!.MainMenuScenarioId);
    }

    [Fact]
    public async Task A_manager_cannot_change_a_bots_token_or_address_even_by_calling_the_service()
    {
        var bot = await TelegramBotAsync();
        var before = await _app.StoredBotAsync(bot);

        var change = await Catalog.UpdateAsync(bot, new BotInput
        {
            Name = "Shop", Messenger = Messenger.Telegram, Token = "7000000:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", PublicBaseUrl = "https://evil.example.ru",
        }, Person(Roles.Manager));

        Assert.True(change.Forbidden);
        Assert.False(change.Succeeded);
        var after = await _app.StoredBotAsync(bot);
        Assert.Equal((before.PublicBaseUrl, before.ProtectedToken, before.TokenHint), (after.PublicBaseUrl, after.ProtectedToken, after.TokenHint));
    }

    [Fact]
    public async Task A_manager_cannot_add_a_bot_through_the_service()
    {
        var change = await Catalog.CreateAsync(new BotInput { Name = "Mine", Messenger = Messenger.WebChat, PublicBaseUrl = Url }, Person(Roles.Manager));

        Assert.True(change.Forbidden);
        Assert.Empty(await Catalog.ListAsync());
    }

    [Fact]
    public async Task A_manager_is_never_shown_the_webhook_secret()
    {
        var bot = await TelegramBotAsync();

        Assert.Null(await Catalog.WebhookSecretAsync(bot, Person(Roles.Manager)));
        Assert.NotNull(await Catalog.WebhookSecretAsync(bot, Person(Roles.Administrator)));
    }

    [Fact]
    public async Task An_operator_cannot_set_a_bots_scenarios_through_the_service_but_a_manager_can()
    {
        var bot = await TelegramBotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var settings = _app.Services.GetRequiredService<BotScenarioSettings>();

        var byOperator = await settings.SetAsync(bot, new BotScenarioChoice(menu, null, []), Person(Roles.Operator));
        Assert.True(byOperator.Forbidden);
        Assert.Null((await settings.GetAsync(bot))!.MainMenuScenarioId);

        var byManager = await settings.SetAsync(bot, new BotScenarioChoice(menu, null, []), Person(Roles.Manager));
        Assert.True(byManager.Succeeded);
        Assert.Equal(menu, (await settings.GetAsync(bot))!.MainMenuScenarioId);
    }
}

/// <summary>The bot list as a manager sees it: every bot with the way to its card, nothing to add or check.</summary>
public class ManagerBotListTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public ManagerBotListTests()
    {
        foreach (var type in new[] { typeof(BotCatalog), typeof(BotConnection), typeof(Bots1C.Domain.Licensing.LicenseStore) })
            Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        AddAuthorization().SetAuthorized("manager@example.ru").SetRoles(Roles.Manager);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }

    [Fact]
    public async Task A_manager_sees_the_bots_with_links_to_their_cards_but_no_add_or_check_buttons()
    {
        // A web-chat bot: the list refreshes stale statuses, and a web chat is checked without calling anyone.
        var bot = (await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(
            new BotInput { Name = "Site chat", Messenger = Messenger.WebChat, PublicBaseUrl = "https://bot.example.ru" }, "admin@example.ru")).Bot!;

        var list = Render<BotsPage>();

        list.WaitForAssertion(() => Assert.Equal($"bots/{bot.Id}", list.Find("[data-testid=bots-table] a[href^='bots/']").GetAttribute("href")));
        Assert.Empty(list.FindAll("[data-testid=add-bot]"));
        Assert.DoesNotContain(Strings["Bots.CheckNow"].Value, list.Markup);
    }
}
