using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios;

public sealed record ScenarioSummary(long Id, string Key, string Name, string? Description, bool IsEnabled, bool IsDraft,
    int StepCount, DateTimeOffset UpdatedAt, string? UpdatedBy, IReadOnlyList<string> UsedByBots);

public sealed record StoredScenario(long Id, bool IsEnabled, bool IsDraft, DateTimeOffset UpdatedAt, ScenarioDefinition Definition);

public sealed record ScenarioSaveResult(StoredScenario? Scenario, IReadOnlyList<ScenarioProblem> Problems, bool NotFound = false, bool NameTaken = false)
{
    public bool Saved => Scenario is not null;
}

/// <summary>Listing, creating, saving, duplicating and deleting scenarios, for the pages and the API alike.
/// Saving always succeeds for a well-formed scenario; one with problems is kept as a draft bots do not run.</summary>
public class ScenarioCatalog(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    ScenarioChecker checker,
    ScenarioCache cache,
    EventJournal journal,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Scenarios.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Data.TextSearch.Pattern(search.Trim());
            query = query.Where(s => Data.TextSearch.Like(s.Name, pattern) || (s.Description != null && Data.TextSearch.Like(s.Description, pattern)));
        }
        var scenarios = await query.OrderBy(s => NameOrder.Key(s.Name)).ToListAsync(ct);
        var usage = await UsageAsync(db, ct);
        return scenarios.Select(s => new ScenarioSummary(s.Id, s.Key, s.Name, s.Description, s.IsEnabled, s.IsDraft, s.StepCount,
            s.UpdatedAt, s.UpdatedBy, usage.GetValueOrDefault(s.Id, []))).ToList();
    }

    public async Task<StoredScenario?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? ToStored(s) : null;
    }

    public async Task<IReadOnlySet<string>> KeysAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Scenarios.Select(s => s.Key).ToListAsync(ct)).ToHashSet();
    }

    public async Task<IReadOnlyList<ScenarioProblem>> CheckAsync(ScenarioDefinition definition, CancellationToken ct = default) =>
        checker.Check(definition, await KeysAsync(ct));

    public async Task<ScenarioSaveResult> CreateAsync(ScenarioDefinition definition, string actor, CancellationToken ct = default)
    {
        definition = ScenarioJson.Clone(definition);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Scenarios.AnyAsync(s => s.Key == definition.Key, ct))
            definition.Key = ScenarioDefinition.NewKey();
        var row = new Scenario { CreatedAt = clock.GetUtcNow() };
        var result = await ApplyAsync(db, row, definition, actor, ct);
        if (!result.Saved)
            return result;
        db.Scenarios.Add(row);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Scenarios, ScenarioEvents.ScenarioCreated(), row.Name, actor);
        return result with { Scenario = ToStored(row) };
    }

    public async Task<ScenarioSaveResult> SaveAsync(long id, ScenarioDefinition definition, string actor, CancellationToken ct = default)
    {
        definition = ScenarioJson.Clone(definition);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Scenarios.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } row)
            return new ScenarioSaveResult(null, [], NotFound: true);
        definition.Key = row.Key; // the key is the scenario's identity: an editor cannot change it
        var result = await ApplyAsync(db, row, definition, actor, ct);
        if (!result.Saved)
            return result;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Scenarios, ScenarioEvents.ScenarioSaved(row.IsDraft, result.Problems.Count), row.Name, actor);
        return result with { Scenario = ToStored(row) };
    }

    public async Task<ScenarioSaveResult> DuplicateAsync(long id, string actor, CancellationToken ct = default)
    {
        if (await GetAsync(id, ct) is not { } original)
            return new ScenarioSaveResult(null, [], NotFound: true);
        var copy = ScenarioJson.Clone(original.Definition);
        copy.Key = ScenarioDefinition.NewKey();
        copy.Name = await FreeNameAsync(copy.Name, ct);
        return await CreateAsync(copy, actor, ct);
    }

    /// <summary>"Name (2)", "Name (3)", … the first name no scenario has.</summary>
    public async Task<string> FreeNameAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = (await db.Scenarios.Select(s => s.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!taken.Contains(name))
            return name;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{name} ({n})"))
                return $"{name} ({n})";
    }

    public async Task<bool> SetEnabledAsync(long id, bool enabled, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Scenarios.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } row)
            return false;
        row.IsEnabled = enabled;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Scenarios, enabled ? ScenarioEvents.ScenarioEnabled() : ScenarioEvents.ScenarioDisabled(), row.Name, actor);
        return true;
    }

    /// <summary>The bots that would lose this scenario (as main menu, not-matched or listened-to): ask before deleting.</summary>
    public async Task<IReadOnlyList<string>> UsedByAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await UsageAsync(db, ct)).GetValueOrDefault(id, []);
    }

    /// <summary>Bots using it forget it; conversations inside it return to idle (the foreign keys say so).</summary>
    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Scenarios.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } row)
            return false;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Conversations must not keep a step of a scenario that is gone.
            await db.Conversations.Where(c => c.ScenarioId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ScenarioId, (long?)null).SetProperty(c => c.StepId, (string?)null), ct);
            db.Scenarios.Remove(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Scenarios, ScenarioEvents.ScenarioDeleted(), row.Name, actor);
        return true;
    }

    private async Task<ScenarioSaveResult> ApplyAsync(Bots1CDbContext db, Scenario row, ScenarioDefinition definition, string actor, CancellationToken ct)
    {
        definition.Name = definition.Name?.Trim() ?? "";
        var keys = (await db.Scenarios.Select(s => s.Key).ToListAsync(ct)).Append(definition.Key).ToHashSet();
        var problems = checker.Check(definition, keys);
        // A nameless or clashing scenario cannot even be listed: those two block saving; the rest make a draft.
        if (problems.Any(p => p.Code is "NameRequired" or "NameTooLong" or "KeyInvalid" or "TooManySteps"))
            return new ScenarioSaveResult(null, problems);
        if (await db.Scenarios.AnyAsync(s => s.Name == definition.Name && s.Id != row.Id, ct))
            return new ScenarioSaveResult(null, problems, NameTaken: true);
        row.Key = definition.Key;
        row.Name = definition.Name;
        row.Description = string.IsNullOrWhiteSpace(definition.Description) ? null : definition.Description.Trim();
        row.IsDraft = problems.Count > 0;
        row.StepCount = definition.Steps.Count;
        row.DefinitionJson = ScenarioJson.Serialize(definition);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor;
        return new ScenarioSaveResult(ToStored(row), problems);
    }

    private static async Task<Dictionary<long, IReadOnlyList<string>>> UsageAsync(Bots1CDbContext db, CancellationToken ct)
    {
        var bots = await db.Bots.AsNoTracking().Where(b => b.State != Bots.BotState.MarkedForDeletion)
            .Select(b => new { b.Id, b.Name, b.MainMenuScenarioId, b.NotMatchedScenarioId }).ToListAsync(ct);
        var links = await db.BotScenarios.AsNoTracking().ToListAsync(ct);
        return bots.SelectMany(b => new[] { b.MainMenuScenarioId, b.NotMatchedScenarioId }
                .Concat(links.Where(l => l.BotId == b.Id).Select(l => (long?)l.ScenarioId))
                .Where(id => id is not null).Distinct().Select(id => (ScenarioId: id!.Value, Bot: b.Name)))
            .GroupBy(x => x.ScenarioId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Bot).Order().ToList());
    }

    private static StoredScenario ToStored(Scenario row) =>
        new(row.Id, row.IsEnabled, row.IsDraft, row.UpdatedAt, ScenarioJson.Deserialize(row.DefinitionJson));
}
