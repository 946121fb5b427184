using Bots1C.Domain.Bots;
using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Diagnostics;

/// <summary>What diagnostics and the background checks write to the event log (see <see cref="EventDetail"/>).</summary>
public static class DiagnosticsEvents
{
    /// <summary>A finished run: its steps' problems as "step:outcome:problem" (codes the page words as the wizard does).</summary>
    public static EventDetail Finished(IReadOnlyList<StepResult> steps)
    {
        var problems = steps.Where(s => s.Outcome is StepOutcome.Fail or StepOutcome.Warn).ToList();
        var outcome = new DiagnosticReport(0, 0, default, null, steps).Outcome;
        var code = outcome switch
        {
            StepOutcome.Fail => "DiagnosticsFailed",
            StepOutcome.Warn => "DiagnosticsWarned",
            _ => "DiagnosticsPassed",
        };
        if (problems.Count == 0)
            return new(code, "All six diagnostics steps passed.");
        return new(code,
            $"Diagnostics found: {string.Join("; ", problems.Select(s => $"step {(int)s.Step} {s.Step}: {s.Outcome} {s.Problem}"))}.",
            ("findings", problems.Select(s => $"{s.Step}:{s.Outcome}:{s.Problem}")));
    }

    public static EventDetail MessengerDeliveryError(Messenger messenger, string? error, int waiting) =>
        new("MessengerDeliveryError", $"{messenger} reports it could not deliver to the webhook: {error} ({waiting} updates waiting).",
            ("messenger", messenger), ("error", error), ("waiting", waiting));
}
