namespace Bots1C.Domain.Diagnostics;

/// <summary>The original's troubleshooting steps (administrator's guide, section 1.2), in the order an administrator walks them.</summary>
public enum DiagnosticStep
{
    Installation = 1,
    License = 2,
    LocalPublication = 3,
    OutsideReach = 4,
    Certificate = 5,
    MessengerView = 6,
}

public enum StepOutcome
{
    Pass,
    Warn,
    Fail,
    /// <summary>Does not apply to this bot (a web chat has no certificate of its own to check over plain http).</summary>
    Skipped,
}

/// <summary>One piece of evidence. <see cref="Key"/> names the sentence (in the string tables as <c>Diag.Fact.{Key}</c>,
/// English and Russian); <see cref="Args"/> are the values it quotes.</summary>
public sealed record DiagnosticFact(string Key, params string[] Args);

/// <summary>What one step found. <see cref="Problem"/> names what is wrong (the fix is <c>Diag.Fix.{Problem}</c>).</summary>
public sealed record StepResult(DiagnosticStep Step, StepOutcome Outcome, string? Problem, IReadOnlyList<DiagnosticFact> Facts)
{
    public static StepResult Pass(DiagnosticStep step, params DiagnosticFact[] facts) => new(step, StepOutcome.Pass, null, facts);
    public static StepResult Skip(DiagnosticStep step, params DiagnosticFact[] facts) => new(step, StepOutcome.Skipped, null, facts);
    public static StepResult Warn(DiagnosticStep step, string problem, params DiagnosticFact[] facts) => new(step, StepOutcome.Warn, problem, facts);
    public static StepResult Fail(DiagnosticStep step, string problem, params DiagnosticFact[] facts) => new(step, StepOutcome.Fail, problem, facts);
}

public sealed record DiagnosticReport(long Id, long BotId, DateTimeOffset At, string? Actor, IReadOnlyList<StepResult> Steps)
{
    /// <summary>The worst step decides: one failure fails the run.</summary>
    public StepOutcome Outcome => Steps.Any(s => s.Outcome == StepOutcome.Fail) ? StepOutcome.Fail
        : Steps.Any(s => s.Outcome == StepOutcome.Warn) ? StepOutcome.Warn
        : StepOutcome.Pass;
}
