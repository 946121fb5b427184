namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>
/// What a scenario button carries back: <c>s{scenarioId}:{stepId}:{buttonId}</c>. It names the step, so a press
/// on an older message still leads where that button leads. At most 1 + 19 + 1 + 16 + 1 + 16 = 54 bytes
/// (Telegram allows 64).
/// </summary>
public static class ButtonPayloads
{
    public static string For(long scenarioId, string stepId, string buttonId) => $"s{scenarioId}:{stepId}:{buttonId}";

    public static (long ScenarioId, string StepId, string ButtonId)? Parse(string? payload)
    {
        if (payload is null || payload.Length > 64 || !payload.StartsWith('s'))
            return null;
        var parts = payload[1..].Split(':');
        return parts.Length == 3 && long.TryParse(parts[0], out var id) && parts[1].Length > 0 && parts[2].Length > 0
            ? (id, parts[1], parts[2])
            : null;
    }
}
