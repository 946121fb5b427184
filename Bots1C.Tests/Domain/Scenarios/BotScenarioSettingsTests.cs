using Bots1C.Domain.Bots;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Scenarios;

public class BotScenarioSettingsTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();
    private BotScenarioSettings Settings => _app.Services.GetRequiredService<BotScenarioSettings>();

    public void Dispose() => _app.Dispose();

    private async Task<long> BotAsync()
    {
        var change = await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(
            new BotInput { Name = "Shop", Messenger = Messenger.WebChat, PublicBaseUrl = "https://bot.example.ru" }, "test");
        Assert.True(change.Succeeded, string.Join("; ", change.Errors.Select(e => e.ErrorMessage)));
        return change.Bot!.Id;
    }

    [Fact]
    public async Task Settings_round_trip_and_the_bot_runs_them_at_once()
    {
        var bot = await BotAsync();
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu"));
        var none = await _app.CreateScenarioAsync(ScenarioKit.Simple("None", key: "none"));
        var faq = await _app.CreateScenarioAsync(ScenarioKit.Simple("FAQ", key: "faq"));
        var directory = _app.Services.GetRequiredService<ScenarioCache>();
        Assert.Null((await directory.ForBotAsync(bot)).MainMenu);

        var change = await Settings.SetAsync(bot, new BotScenarioChoice(menu, none, [faq, faq]), "anna");

        Assert.True(change.Succeeded);
        Assert.Equal([faq], change.Settings!.ScenarioIds);
        var read = (await Settings.GetAsync(bot))!;
        Assert.Equal((menu, none), (read.MainMenuScenarioId, read.NotMatchedScenarioId));
        Assert.Equal([faq], read.ScenarioIds);
        var runs = await directory.ForBotAsync(bot);
        Assert.Equal(("menu", "none"), (runs.MainMenu!.Key, runs.NotMatched!.Key));
        Assert.Contains(runs.Listening, s => s.Key == "faq");
        await using var db = await _app.Db();
        Assert.Contains(await db.Events.ToListAsync(), e => e.Code == "BotScenariosChanged" && e.Subject == "Shop" && e.Actor == "anna");
    }

    [Fact]
    public async Task Setting_again_replaces_the_listened_to_scenarios()
    {
        var bot = await BotAsync();
        var a = await _app.CreateScenarioAsync(ScenarioKit.Simple("A"));
        var b = await _app.CreateScenarioAsync(ScenarioKit.Simple("B"));
        await Settings.SetAsync(bot, new BotScenarioChoice(a, null, [a, b]), "anna");

        await Settings.SetAsync(bot, new BotScenarioChoice(null, null, [b]), "anna");

        var read = (await Settings.GetAsync(bot))!;
        Assert.Equal(((long?)null, (long?)null), (read.MainMenuScenarioId, read.NotMatchedScenarioId));
        Assert.Equal([b], read.ScenarioIds);
    }

    [Fact]
    public async Task Unknown_scenario_ids_are_named_and_nothing_changes()
    {
        var bot = await BotAsync();
        var a = await _app.CreateScenarioAsync(ScenarioKit.Simple("A"));

        var change = await Settings.SetAsync(bot, new BotScenarioChoice(998, a, [a, 999]), "anna");

        Assert.False(change.Succeeded);
        Assert.Equal(["MainMenuScenarioId", "ScenarioIds"], change.Errors.Select(e => e.PropertyName));
        Assert.Contains("999", change.Errors[1].ErrorMessage);
        Assert.Equal(BotScenarioChoice.None.ScenarioIds, (await Settings.GetAsync(bot))!.ScenarioIds);
    }

    [Fact]
    public async Task A_missing_bot_is_reported()
    {
        Assert.True((await Settings.SetAsync(404, BotScenarioChoice.None, "anna")).NotFound);
        Assert.Null(await Settings.GetAsync(404));
    }
}
