namespace Bots1C.Domain.Diagnostics;

/// <summary>A saved diagnostics run: the dashboard shows each bot's last one, the diagnostics page the steps.</summary>
public class DiagnosticRun
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Actor { get; set; }
    public StepOutcome Outcome { get; set; }
    /// <summary>The steps as JSON of <see cref="StepResult"/>s: read whole, never queried inside.</summary>
    public string StepsJson { get; set; } = "[]";
}

/// <summary>The messenger's own view of a bot's webhook, from the last background check (Telegram's getWebhookInfo).</summary>
public class BotWebhookStatus
{
    public long BotId { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public string? Url { get; set; }
    public int? PendingUpdates { get; set; }
    public string? LastErrorMessage { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Why the messenger could not be asked, when it could not.</summary>
    public string? Failure { get; set; }
}
