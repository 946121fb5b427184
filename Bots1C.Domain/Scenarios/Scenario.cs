namespace Bots1C.Domain.Scenarios;

/// <summary>A stored scenario: the definition as JSON plus the columns lists and bots need.</summary>
public class Scenario
{
    public long Id { get; set; }
    /// <summary>Same as the definition's key; unique.</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsEnabled { get; set; } = true;
    /// <summary>Saved with problems: bots do not run it until they are fixed.</summary>
    public bool IsDraft { get; set; }
    public int StepCount { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>The scenarios whose triggers a bot listens to (besides its main menu and not-matched ones).</summary>
public class BotScenario
{
    public long BotId { get; set; }
    public long ScenarioId { get; set; }
}
