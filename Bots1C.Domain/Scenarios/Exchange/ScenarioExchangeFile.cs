using System.Text.Json;

namespace Bots1C.Domain.Scenarios.Exchange;

/// <summary>
/// The file scenarios travel in between installations (export, import, the shipped templates):
/// <c>{ "format": "bots1c-scenarios", "version": 1, "exportedAt": …, "scenarios": [ … ] }</c>, each scenario
/// exactly as <see cref="ScenarioJson"/> stores it. A change of shape raises <see cref="CurrentVersion"/> and adds a
/// step to <see cref="ScenarioFormatMigrations"/>, so files written by older versions of the app keep importing.
/// </summary>
public sealed class ScenarioExchangeFile
{
    public const string FormatName = "bots1c-scenarios";
    public const int CurrentVersion = 1;

    public string Format { get; set; } = FormatName;
    public int Version { get; set; } = CurrentVersion;
    public DateTimeOffset? ExportedAt { get; set; }
    public List<ScenarioDefinition> Scenarios { get; set; } = [];

    /// <summary>Indented, so a file can be read and compared by people and version control.</summary>
    private static readonly JsonSerializerOptions Indented = new(ScenarioJson.Options) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);
}
