namespace Bots1C.Domain.Scenarios.Methods;

/// <summary>
/// A named operation a scenario's "Call method" step can run (built-in ones here; the directory and print
/// forms add theirs). It runs inside the processor's unit of work: changes it makes through
/// <see cref="ScenarioMethodContext.Db"/> are committed together with the conversation's new state.
/// </summary>
public interface IScenarioMethod
{
    /// <summary>As written in scenarios, e.g. <c>Contact.SetField</c>.</summary>
    string Name { get; }
    IReadOnlyList<MethodParameter> Parameters { get; }
    /// <summary>The names of the values it returns, to be mapped to variables.</summary>
    IReadOnlyList<string> Results { get; }
    Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct);
}

public sealed record MethodParameter(string Name, bool Required, string Description);

public sealed record MethodOutcome(bool Ok, IReadOnlyDictionary<string, string> Results, string? Error = null)
{
    public static MethodOutcome Success(IReadOnlyDictionary<string, string>? results = null) =>
        new(true, results ?? new Dictionary<string, string>());

    public static MethodOutcome Failure(string error) => new(false, new Dictionary<string, string>(), error);
}

/// <summary>What a method may touch: the conversation and its contact (tracked by <see cref="Db"/>).</summary>
public sealed record ScenarioMethodContext(Data.Bots1CDbContext Db, long BotId, Conversations.Conversation Conversation);

/// <summary>Every registered method by name (case-insensitive), for the runner, the validator and the editor's list.</summary>
public sealed class ScenarioMethods(IEnumerable<IScenarioMethod> methods)
{
    private readonly Dictionary<string, IScenarioMethod> _byName =
        methods.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IScenarioMethod> All => _byName.Values;

    public IScenarioMethod? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name.Trim());
}
