using System.Text.Json.Nodes;

namespace Bots1C.Domain.Scenarios.Exchange;

/// <summary>Upgrades a file of one version to the next (e.g. renames a field), working on the raw JSON.</summary>
public sealed record FormatMigrationStep(int FromVersion, Action<JsonObject> Upgrade);

/// <summary>
/// Brings an exchange file written by an older version of the app up to <see cref="ScenarioExchangeFile.CurrentVersion"/>
/// one version at a time, before it is read into <see cref="ScenarioDefinition"/>s. Version 1 is the first and
/// current one, so there are no steps yet: when the shape changes, raise the current version and add the step
/// from the previous one here. A file from a newer app is refused, never guessed at.
/// </summary>
public sealed class ScenarioFormatMigrations
{
    /// <summary>The steps the app ships. Empty: no older version of the format exists.</summary>
    private static readonly FormatMigrationStep[] BuiltIn = [];

    private readonly IReadOnlyDictionary<int, FormatMigrationStep> _steps;

    public ScenarioFormatMigrations() : this(BuiltIn, ScenarioExchangeFile.CurrentVersion)
    {
    }

    /// <summary>For tests of the mechanism: other steps and another current version.</summary>
    public ScenarioFormatMigrations(IEnumerable<FormatMigrationStep> steps, int currentVersion)
    {
        _steps = steps.ToDictionary(s => s.FromVersion);
        CurrentVersion = currentVersion;
        OldestVersion = _steps.Count == 0 ? currentVersion : Math.Min(currentVersion, _steps.Keys.Min());
    }

    public int CurrentVersion { get; }
    public int OldestVersion { get; }

    /// <summary>Upgrades <paramref name="file"/> in place; returns the problem when it cannot be read at all.</summary>
    public ScenarioImportProblem? Upgrade(JsonObject file)
    {
        if (file["version"] is not JsonValue value || !value.TryGetValue<int>(out var version))
            return ScenarioImportProblem.OfFile("VersionMissing", "The file does not say which version of the format it has (\"version\": 1).", "version");
        if (version > CurrentVersion)
            return ScenarioImportProblem.OfFile("VersionTooNew",
                $"The file has format version {version}, written by a newer Bots1C; this one reads versions {OldestVersion} to {CurrentVersion}. Update the app, then import.", "version");
        if (version < OldestVersion)
            return ScenarioImportProblem.OfFile("VersionUnknown",
                $"Format version {version} does not exist; this app reads versions {OldestVersion} to {CurrentVersion}.", "version");
        while (version < CurrentVersion)
        {
            if (!_steps.TryGetValue(version, out var step))
                return ScenarioImportProblem.OfFile("VersionUnknown", $"There is no way to upgrade format version {version}.", "version");
            step.Upgrade(file);
            version++;
            file["version"] = version;
        }
        return null;
    }
}
