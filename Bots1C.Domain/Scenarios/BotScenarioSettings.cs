using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using System.Security.Claims;
using Bots1C.Domain.Bots;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios;

/// <summary>Which scenarios one bot runs: its main menu, its not-matched scenario and the ones whose triggers it listens to.</summary>
public sealed record BotScenarioChoice(long? MainMenuScenarioId, long? NotMatchedScenarioId, IReadOnlyList<long> ScenarioIds)
{
    public static readonly BotScenarioChoice None = new(null, null, []);
}

public sealed record BotScenarioChange(BotScenarioChoice? Settings, IReadOnlyList<ValidationFailure> Errors, bool NotFound = false)
{
    public bool Succeeded => Settings is not null && Errors.Count == 0;

    /// <summary>The person may not set a bot's scenarios (only administrators and managers may); nothing was changed.</summary>
    public bool Forbidden { get; init; }
}

/// <summary>Every scenario id named must exist. Drafts and disabled ones may be chosen (the page warns that bots skip them
/// until they are fixed or enabled), so a bot can be prepared before its scenarios are finished.</summary>
public class BotScenarioChoiceValidator : AbstractValidator<BotScenarioChoice>
{
    public const int MaxListened = 200;

    public BotScenarioChoiceValidator(IDbContextFactory<Bots1CDbContext> dbFactory)
    {
        async Task<bool> Exists(long id, CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Scenarios.AnyAsync(s => s.Id == id, ct);
        }

        RuleFor(c => c.MainMenuScenarioId).MustAsync((id, ct) => Exists(id!.Value, ct)).When(c => c.MainMenuScenarioId is not null)
            .WithErrorCode("ScenarioMissing").WithMessage(c => $"There is no scenario {c.MainMenuScenarioId}.");
        RuleFor(c => c.NotMatchedScenarioId).MustAsync((id, ct) => Exists(id!.Value, ct)).When(c => c.NotMatchedScenarioId is not null)
            .WithErrorCode("ScenarioMissing").WithMessage(c => $"There is no scenario {c.NotMatchedScenarioId}.");
        RuleFor(c => c.ScenarioIds).NotNull().WithErrorCode("ScenarioIdsRequired").WithMessage("List the scenario ids (an empty list for none).");
        RuleFor(c => c.ScenarioIds).Must(ids => ids.Count <= MaxListened).When(c => c.ScenarioIds is not null)
            .WithErrorCode("TooManyScenarios").WithMessage($"A bot listens to at most {MaxListened} scenarios.");
        RuleFor(c => c.ScenarioIds).CustomAsync(async (ids, context, ct) =>
        {
            if (ids is null || ids.Count == 0)
                return;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var wanted = ids.Distinct().ToList();
            var present = await db.Scenarios.Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var missing = wanted.Except(present).ToList();
            if (missing.Count > 0)
                context.AddFailure(new ValidationFailure(nameof(BotScenarioChoice.ScenarioIds),
                    $"There is no scenario {string.Join(", ", missing)}.") { ErrorCode = "ScenarioMissing" });
        });
    }
}

/// <summary>
/// Reads and sets a bot's scenarios, for the bot card and the REST API alike. Saving replaces all three settings
/// at once and reloads what bots run (<see cref="ScenarioCache.Invalidate"/>).
/// </summary>
public class BotScenarioSettings(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IValidator<BotScenarioChoice> validator,
    ScenarioCache cache,
    EventJournal journal)
{
    public async Task<BotScenarioChoice?> GetAsync(long botId, CancellationToken ct = default) =>
        (await ForBotsAsync([botId], ct)).GetValueOrDefault(botId);

    /// <summary>The settings of several bots in two queries (the bot list of the API).</summary>
    public async Task<IReadOnlyDictionary<long, BotScenarioChoice>> ForBotsAsync(IReadOnlyCollection<long> botIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bots = await db.Bots.AsNoTracking().Where(b => botIds.Contains(b.Id))
            .Select(b => new { b.Id, b.MainMenuScenarioId, b.NotMatchedScenarioId }).ToListAsync(ct);
        var links = await db.BotScenarios.AsNoTracking().Where(l => botIds.Contains(l.BotId)).ToListAsync(ct);
        return bots.ToDictionary(b => b.Id, b => new BotScenarioChoice(b.MainMenuScenarioId, b.NotMatchedScenarioId,
            links.Where(l => l.BotId == b.Id).Select(l => l.ScenarioId).Order().ToList()));
    }

    public async Task<IReadOnlyList<ValidationFailure>> ValidateAsync(BotScenarioChoice choice, CancellationToken ct = default) =>
        (await validator.ValidateAsync(choice, ct)).Errors;

    /// <summary>A person's choice from the bot card: administrators and managers (<see cref="BotAccess.MayChangeScenarios"/>).</summary>
    public Task<BotScenarioChange> SetAsync(long botId, BotScenarioChoice choice, ClaimsPrincipal user, CancellationToken ct = default) =>
        BotAccess.MayChangeScenarios(user)
            ? SetAsync(botId, choice, BotAccess.NameOf(user), ct)
            : Task.FromResult(new BotScenarioChange(null, []) { Forbidden = true });

    public async Task<BotScenarioChange> SetAsync(long botId, BotScenarioChoice choice, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Bots.FirstOrDefaultAsync(b => b.Id == botId, ct) is not { } bot)
            return new BotScenarioChange(null, [], NotFound: true);
        var validation = await validator.ValidateAsync(choice, ct);
        if (!validation.IsValid)
            return new BotScenarioChange(null, validation.Errors);

        var ids = choice.ScenarioIds.Distinct().Order().ToList();
        var links = await db.BotScenarios.Where(l => l.BotId == botId).ToListAsync(ct);
        var settings = new BotScenarioChoice(choice.MainMenuScenarioId, choice.NotMatchedScenarioId, ids);
        // Saving the bot card or PUTting a bot unchanged must not fill the journal with non-changes.
        if (bot.MainMenuScenarioId == choice.MainMenuScenarioId && bot.NotMatchedScenarioId == choice.NotMatchedScenarioId
            && links.Select(l => l.ScenarioId).Order().SequenceEqual(ids))
            return new BotScenarioChange(settings, []);
        bot.MainMenuScenarioId = choice.MainMenuScenarioId;
        bot.NotMatchedScenarioId = choice.NotMatchedScenarioId;
        db.BotScenarios.RemoveRange(links.Where(l => !ids.Contains(l.ScenarioId)));
        db.BotScenarios.AddRange(ids.Where(id => links.All(l => l.ScenarioId != id)).Select(id => new BotScenario { BotId = botId, ScenarioId = id }));
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        var names = await db.Scenarios.AsNoTracking().Where(s => ids.Contains(s.Id) || s.Id == choice.MainMenuScenarioId || s.Id == choice.NotMatchedScenarioId)
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        string? NameOf(long? id) => id is { } value ? names.GetValueOrDefault(value) ?? "" : null;
        await journal.InfoAsync(EventSources.Bots,
            ScenarioEvents.BotScenariosChanged(NameOf(choice.MainMenuScenarioId), NameOf(choice.NotMatchedScenarioId), [.. ids.Select(id => NameOf(id)!)]),
            bot.Name, actor);
        return new BotScenarioChange(settings, []);
    }
}
