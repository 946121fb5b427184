using System.Globalization;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios.Templates;

/// <summary>What <see cref="StarterScenarios.GiveBotAsync"/> did: the bot's settings afterwards, or why it could not.</summary>
public sealed record StarterScenariosOutcome(BotScenarioChoice? Settings, IReadOnlyList<string> Problems, bool NotFound = false)
{
    public bool Succeeded => Settings is not null && Problems.Count == 0;
}

/// <summary>
/// A bot that answers from its first message: the shipped templates, each in both languages as one scenario that answers
/// a visitor in theirs (<see cref="BilingualScenario"/>; named in the reader's language), imported if no stored scenario
/// stands for them yet, then set as the bot's main menu and "not matched" and listened to. The welcome tour's
/// demo bot gets them this way, and the bot card offers them to a new bot that has no main menu. A choice someone
/// already made is kept; a template someone edited is kept as it is (an unchanged one imports as a no-op).
/// </summary>
public class StarterScenarios(ScenarioTemplates templates, ScenarioImport import, BotScenarioSettings settings,
    IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public const string MainMenuKey = "tpl-main-menu";
    public const string NotMatchedKey = "tpl-not-matched";

    public async Task<StarterScenariosOutcome> GiveBotAsync(long botId, CultureInfo culture, string actor, CancellationToken ct = default)
    {
        var file = new ScenarioExchangeFile { Scenarios = templates.Bilingual(culture).ToList() };
        var imported = await import.ImportAsync(file, new ScenarioImportOptions(ClashChoice.Skip), actor, ct);
        if (imported.Problems.Count > 0)
            return new StarterScenariosOutcome(null, imported.Problems.Select(p => p.Message).ToList());

        var keys = templates.All.Select(t => t.Key).Distinct().ToList();
        Dictionary<string, long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Scenarios.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        long? IdOf(string key) => ids.TryGetValue(key, out var id) ? id : null;

        var current = await settings.GetAsync(botId, ct);
        if (current is null)
            return new StarterScenariosOutcome(null, [], NotFound: true);
        var choice = new BotScenarioChoice(
            current.MainMenuScenarioId ?? IdOf(MainMenuKey),
            current.NotMatchedScenarioId ?? IdOf(NotMatchedKey),
            current.ScenarioIds.Union(ids.Values).ToList());
        var change = await settings.SetAsync(botId, choice, actor, ct);
        return change.Succeeded
            ? new StarterScenariosOutcome(change.Settings, [])
            : new StarterScenariosOutcome(null, change.Errors.Select(e => e.ErrorMessage).ToList(), change.NotFound);
    }
}
