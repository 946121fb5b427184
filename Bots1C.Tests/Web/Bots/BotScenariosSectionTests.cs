using Bots1C.Domain.Bots;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.Bots;

/// <summary>The bot card's scenarios section against the real app's services and SQLite file.</summary>
public class BotScenariosSectionTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public BotScenariosSectionTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<BotScenarioSettings>());
        Services.AddSingleton(_app.Services.GetRequiredService<ScenarioCatalog>());
        Services.AddSingleton(_app.Services.GetRequiredService<StarterScenarios>());
        AddAuthorization().SetAuthorized("admin@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Administrator);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }

    private async Task<long> BotAsync()
    {
        var change = await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(
            new BotInput { Name = "Shop", Messenger = Messenger.WebChat, PublicBaseUrl = "https://bot.example.ru" }, "test");
        return change.Bot!.Id;
    }

    [Fact]
    public async Task Shows_the_chosen_scenarios_and_warns_about_drafts_and_disabled_ones()
    {
        var bot = await BotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var draft = (await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(ScenarioDefinition.New("Unfinished"), "test")).Scenario!.Id;
        var off = await _app.CreateScenarioAsync(ScenarioKit.Simple("Switched off"));
        await _app.Services.GetRequiredService<ScenarioCatalog>().SetEnabledAsync(off, false, "test");
        await _app.Services.GetRequiredService<BotScenarioSettings>().SetAsync(bot, new BotScenarioChoice(menu, draft, [off]), "test");

        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));

        section.WaitForAssertion(() => Assert.Contains("Menu", section.Find("[data-testid=bot-main-menu]").OuterHtml));
        var warnings = section.FindAll("[data-testid=bot-scenario-warning]").Select(w => w.TextContent).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("Unfinished") && w.Contains("draft"));
        Assert.Contains(warnings, w => w.Contains("Switched off") && w.Contains("disabled"));
    }

    [Fact]
    public async Task Saving_stores_the_choice_through_the_settings_service()
    {
        var bot = await BotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var faq = await _app.CreateScenarioAsync(ScenarioKit.Simple("FAQ"));
        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));
        section.WaitForElement("[data-testid=bot-scenarios-save]");

        var selects = section.FindComponents<MudSelect<long?>>();
        await section.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(menu));
        var listening = section.FindComponent<MudSelect<long>>();
        await section.InvokeAsync(() => listening.Instance.SelectedValuesChanged.InvokeAsync(new[] { faq }));
        await section.Find("[data-testid=bot-scenarios-save]").ClickAsync(new());

        var stored = await Eventually.GetAsync(() => _app.Services.GetRequiredService<BotScenarioSettings>().GetAsync(bot),
            s => s!.MainMenuScenarioId is not null, "the saved settings");
        Assert.Equal(menu, stored!.MainMenuScenarioId);
        Assert.Equal([faq], stored.ScenarioIds);
    }

    [Fact]
    public async Task Without_scenarios_it_says_where_to_make_them()
    {
        var bot = await BotAsync();
        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));
        section.WaitForElement("[data-testid=bot-scenarios-empty]");
    }

    [Fact]
    public async Task A_bot_without_a_main_menu_is_offered_the_ready_made_scenarios_and_gets_them_in_one_click()
    {
        var bot = await BotAsync();
        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));

        await section.WaitForElement("[data-testid=bot-starter-scenarios]").ClickAsync(new());

        var stored = await Eventually.GetAsync(() => _app.Services.GetRequiredService<BotScenarioSettings>().GetAsync(bot),
            s => s!.MainMenuScenarioId is not null, "the bot's main menu");
        await using var db = await _app.Db();
        var keys = await db.Scenarios.ToDictionaryAsync(s => s.Id, s => s.Key);
        Assert.Equal((StarterScenarios.MainMenuKey, StarterScenarios.NotMatchedKey), (keys[stored!.MainMenuScenarioId!.Value], keys[stored.NotMatchedScenarioId!.Value]));
        Assert.Equal(keys.Keys.Order(), stored.ScenarioIds);
        section.WaitForAssertion(() => Assert.Empty(section.FindAll("[data-testid=bot-starter-offer]")));
    }

    [Fact]
    public async Task When_storage_fails_while_giving_the_ready_made_scenarios_the_card_says_so_and_the_button_works_again()
    {
        var bot = await BotAsync();
        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));
        var button = section.WaitForElement("[data-testid=bot-starter-scenarios]");
        // The storage fails underneath (as a damaged database would): the bot's scenario choices cannot be read.
        await using (var db = await _app.Db())
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"BotScenarios\"");

        await button.ClickAsync(new());

        section.WaitForAssertion(() => Assert.False(section.Find("[data-testid=bot-starter-scenarios]").HasAttribute("disabled")));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Severity == Severity.Error && s.Message == Strings["BotScenarios.StarterFailed"].Value);
    }

    [Fact]
    public async Task A_bot_with_a_main_menu_is_not_offered_the_ready_made_scenarios()
    {
        var bot = await BotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        await _app.Services.GetRequiredService<BotScenarioSettings>().SetAsync(bot, new BotScenarioChoice(menu, null, []), "test");

        var section = Render<BotScenariosSection>(p => p.Add(s => s.BotId, bot));

        section.WaitForElement("[data-testid=bot-scenarios-save]");
        Assert.Empty(section.FindAll("[data-testid=bot-starter-offer]"));
    }

    [Fact]
    public async Task Taking_the_ready_made_scenarios_keeps_a_not_matched_scenario_already_chosen()
    {
        var bot = await BotAsync();
        var mine = await _app.CreateScenarioAsync(ScenarioKit.Simple("Our apology"));
        await _app.Services.GetRequiredService<BotScenarioSettings>().SetAsync(bot, new BotScenarioChoice(null, mine, [mine]), "test");

        var outcome = await _app.Services.GetRequiredService<StarterScenarios>().GiveBotAsync(bot, System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), "test");

        Assert.True(outcome.Succeeded);
        Assert.Equal(mine, outcome.Settings!.NotMatchedScenarioId);
        Assert.Contains(mine, outcome.Settings.ScenarioIds);
        Assert.NotNull(outcome.Settings.MainMenuScenarioId);
    }
}
