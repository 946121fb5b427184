namespace Bots1C.Domain.Scenarios;

/// <summary>Settings under <c>Bots1C:Scenarios</c>.</summary>
public sealed class ScenarioOptions
{
    public const string Section = "Bots1C:Scenarios";

    /// <summary>A conversation left this long in the middle of a question returns to idle at its next message.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;
}
