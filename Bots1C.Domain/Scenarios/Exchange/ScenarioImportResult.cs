namespace Bots1C.Domain.Scenarios.Exchange;

/// <summary>
/// One reason an import was refused: a stable code (the UI words it in the reader's language), an English message,
/// where it is in the file (<c>scenarios[2].Steps[5].Text</c>, or <c>line 3, position 7</c> for unreadable JSON),
/// and which scenario and step it concerns.
/// </summary>
public sealed record ScenarioImportProblem(string Code, string Message, string Place, string? ScenarioName = null, string? StepId = null)
{
    public static ScenarioImportProblem OfFile(string code, string message, string place) => new(code, message, place);
}

/// <summary>What to do with an imported scenario whose key or name a stored scenario already has.</summary>
public enum ClashChoice
{
    /// <summary>Import a copy with a free name and a new key; the file's Go-to steps follow it.</summary>
    Rename,
    /// <summary>Overwrite the stored scenario, keeping its id and key, so bots and Go-to steps keep using it.</summary>
    Replace,
    /// <summary>Keep the stored scenario and leave this one out.</summary>
    Skip,
}

/// <summary>An imported scenario meeting stored ones: the one with its key and/or the one with its name.</summary>
public sealed record ScenarioClash(
    int Index, string Key, string Name,
    long? SameKeyId, string? SameKeyName,
    long? SameNameId,
    ClashChoice? Choice)
{
    /// <summary>Replacing is possible only when one stored scenario is hit; with two, replacing one would clash with the other.</summary>
    public bool CanReplace => SameKeyId is null || SameNameId is null || SameKeyId == SameNameId;

    public long ReplaceTargetId => SameKeyId ?? SameNameId!.Value;
}

public sealed record ScenarioImportOptions(ClashChoice? OnEveryClash = null, IReadOnlyDictionary<string, ClashChoice>? Choices = null)
{
    public static readonly ScenarioImportOptions AskOnClash = new();

    /// <summary>A choice for one scenario (by its key in the file) wins over the choice for every clash.</summary>
    public ClashChoice? ChoiceFor(string key) => Choices is not null && Choices.TryGetValue(key, out var choice) ? choice : OnEveryClash;
}

public enum ImportOutcome
{
    Created,
    /// <summary>Imported as a copy with a free name and a new key.</summary>
    Renamed,
    /// <summary>Overwrote the stored scenario (same id).</summary>
    Replaced,
    /// <summary>The stored scenario with this key already is exactly this one: nothing written.</summary>
    Unchanged,
    /// <summary>Left out by choice; the stored one stays.</summary>
    Skipped,
}

/// <summary>A scenario of the file and what happened (or, in a preview, would happen) to it.</summary>
public sealed record ImportedScenario(int Index, string Name, string Key, ImportOutcome? Outcome, long? Id);

public sealed record ScenarioImportResult(
    IReadOnlyList<ImportedScenario> Scenarios,
    IReadOnlyList<ScenarioImportProblem> Problems,
    IReadOnlyList<ScenarioClash> Clashes,
    bool Written)
{
    /// <summary>The file could not be read as an exchange file at all (bad JSON, another format, a newer version).</summary>
    public bool Unreadable { get; init; }

    public IReadOnlyList<ScenarioClash> UnresolvedClashes => Clashes.Where(c => c.Choice is null).ToList();

    /// <summary>Nothing stands in the way: a preview may be imported, an import was written.</summary>
    public bool Ready => Problems.Count == 0 && UnresolvedClashes.Count == 0;

    public static ScenarioImportResult Refused(ScenarioImportProblem problem) => new([], [problem], [], false) { Unreadable = true };
}
