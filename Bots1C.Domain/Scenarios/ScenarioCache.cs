using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios;

/// <summary>A scenario a bot may run: enabled and without problems.</summary>
public sealed record RunnableScenario(long Id, ScenarioDefinition Definition)
{
    public string Key => Definition.Key;
    public string Name => Definition.Name;
}

/// <summary>What one bot runs: its main menu, its not-matched scenario, the scenarios whose triggers it listens to,
/// and every runnable scenario by id and key (a Go-to step may lead anywhere).</summary>
public sealed class BotScenarios(
    RunnableScenario? mainMenu,
    RunnableScenario? notMatched,
    IReadOnlyList<RunnableScenario> listening,
    IReadOnlyDictionary<long, RunnableScenario> byId,
    IReadOnlyDictionary<string, RunnableScenario> byKey,
    IReadOnlySet<long>? reachable = null)
{
    private readonly IReadOnlySet<long> _reachable = reachable ?? Reach(mainMenu, notMatched, listening, byKey);

    public static readonly BotScenarios None = new(null, null, [], new Dictionary<long, RunnableScenario>(), new Dictionary<string, RunnableScenario>());

    public RunnableScenario? MainMenu { get; } = mainMenu;
    public RunnableScenario? NotMatched { get; } = notMatched;
    /// <summary>Triggers are tried in this order; the first match wins.</summary>
    public IReadOnlyList<RunnableScenario> Listening { get; } = listening;

    public RunnableScenario? Find(long? id) => id is { } value ? byId.GetValueOrDefault(value) : null;
    public RunnableScenario? FindByKey(string? key) => key is null ? null : byKey.GetValueOrDefault(key);

    /// <summary>A scenario this bot can lead a customer into: a button payload naming any other one (typed or forged)
    /// must not open another bot's scenarios.</summary>
    public RunnableScenario? FindReachable(long id) => _reachable.Contains(id) ? Find(id) : null;

    /// <summary>The bot's own scenarios and every scenario their Go-to steps lead to, transitively.</summary>
    private static HashSet<long> Reach(RunnableScenario? mainMenu, RunnableScenario? notMatched, IReadOnlyList<RunnableScenario> listening,
        IReadOnlyDictionary<string, RunnableScenario> byKey)
    {
        var reached = new HashSet<long>();
        var queue = new Queue<RunnableScenario>(listening.Append(mainMenu).Append(notMatched).OfType<RunnableScenario>());
        while (queue.TryDequeue(out var scenario))
        {
            if (!reached.Add(scenario.Id))
                continue;
            foreach (var step in scenario.Definition.Steps.Where(s => s.Kind == StepKind.GoToScenario))
                if (step.TargetScenario is { } key && byKey.GetValueOrDefault(key) is { } target)
                    queue.Enqueue(target);
        }
        return reached;
    }

    /// <summary>Just these scenarios, for the editor's test panel and for tests.</summary>
    public static BotScenarios Of(IEnumerable<RunnableScenario> scenarios, RunnableScenario? mainMenu = null, RunnableScenario? notMatched = null)
    {
        var all = scenarios.ToList();
        return new BotScenarios(mainMenu, notMatched, all, all.ToDictionary(s => s.Id), all.ToDictionary(s => s.Key));
    }
}

/// <summary>
/// Every bot's scenarios held in memory, parsed once: the processor must not read and parse JSON for every
/// message. Saving a scenario or a bot's scenario settings calls <see cref="Invalidate"/>; other instances of the app
/// hear of it through <see cref="Invalidated"/> and drop their copy with <see cref="InvalidateFromElsewhere"/>.
/// </summary>
public class ScenarioCache(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    private volatile Dictionary<long, BotScenarios>? _byBot;
    private volatile BotScenarios? _all;
    private int _version;
    private readonly SemaphoreSlim _loading = new(1, 1);

    // Invalidating and publishing a loaded snapshot take turns, so a snapshot read before a change is never
    // published after it.
    private readonly Lock _gate = new();

    /// <summary>Raised after this instance changed scenarios, so other instances can be told.</summary>
    public event Action? Invalidated;

    public void Invalidate()
    {
        InvalidateFromElsewhere();
        Invalidated?.Invoke();
    }

    /// <summary>Another instance changed scenarios: drop the copy without announcing it again.</summary>
    public void InvalidateFromElsewhere()
    {
        lock (_gate)
        {
            _version++;
            _byBot = null;
            _all = null;
        }
    }

    public async ValueTask<BotScenarios> ForBotAsync(long botId, CancellationToken ct = default)
    {
        var (byBot, _) = await LoadAsync(ct);
        return byBot.GetValueOrDefault(botId) ?? BotScenarios.None;
    }

    /// <summary>Every runnable scenario, as if one bot listened to all of them (the editor's test panel).</summary>
    public async ValueTask<BotScenarios> AllAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Item2;

    private async ValueTask<(Dictionary<long, BotScenarios>, BotScenarios)> LoadAsync(CancellationToken ct)
    {
        if (_byBot is { } ready && _all is { } all)
            return (ready, all);
        await _loading.WaitAsync(ct);
        try
        {
            if (_byBot is { } loaded && _all is { } loadedAll)
                return (loaded, loadedAll);
            int version;
            lock (_gate)
                version = _version;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Scenarios.AsNoTracking().Where(s => s.IsEnabled && !s.IsDraft).OrderBy(s => s.Name).ToListAsync(ct);
            var runnable = rows.Select(r => new RunnableScenario(r.Id, ScenarioJson.Deserialize(r.DefinitionJson))).ToList();
            var byId = runnable.ToDictionary(s => s.Id);
            var byKey = runnable.ToDictionary(s => s.Key);
            var bots = await db.Bots.AsNoTracking().Select(b => new { b.Id, b.MainMenuScenarioId, b.NotMatchedScenarioId }).ToListAsync(ct);
            var links = await db.BotScenarios.AsNoTracking().ToListAsync(ct);
            var byBot = bots.ToDictionary(b => b.Id, b =>
            {
                var listening = links.Where(l => l.BotId == b.Id).Select(l => byId.GetValueOrDefault(l.ScenarioId))
                    .Concat([b.MainMenuScenarioId is { } m ? byId.GetValueOrDefault(m) : null])
                    .OfType<RunnableScenario>().DistinctBy(s => s.Id).OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
                return new BotScenarios(
                    b.MainMenuScenarioId is { } main ? byId.GetValueOrDefault(main) : null,
                    b.NotMatchedScenarioId is { } none ? byId.GetValueOrDefault(none) : null,
                    listening, byId, byKey);
            });
            var everything = new BotScenarios(null, null, runnable, byId, byKey);
            lock (_gate)
                if (version == _version)
                {
                    _byBot = byBot;
                    _all = everything;
                }
            return (byBot, everything);
        }
        finally
        {
            _loading.Release();
        }
    }
}
