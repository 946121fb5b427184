using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bots1C.Domain.Scenarios;

/// <summary>One JSON shape for stored definitions, the API and exchange files.</summary>
public static class ScenarioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string Serialize(ScenarioDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static ScenarioDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<ScenarioDefinition>(json, Options) ?? throw new JsonException("The scenario is empty.");

    /// <summary>A deep copy, so an editor's unsaved changes never leak into what bots run.</summary>
    public static ScenarioDefinition Clone(ScenarioDefinition definition) => Deserialize(Serialize(definition));
}
