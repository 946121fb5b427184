namespace Bots1C.Domain.Scenarios;

/// <summary>The ways out of each step kind. The editor draws one port per outcome; the validator wants each connected.</summary>
public static class StepOutcomes
{
    public const string Next = "next";
    public const string Answered = "answered";
    public const string GaveUp = "gaveUp";
    public const string Received = "received";
    public const string Refused = "refused";
    public const string True = "true";
    public const string False = "false";
    public const string Ok = "ok";
    public const string Failed = "failed";
    private const string ButtonPrefix = "btn:";

    public static string ForButton(string buttonId) => ButtonPrefix + buttonId;

    public static string? ButtonIdOf(string outcome) =>
        outcome.StartsWith(ButtonPrefix, StringComparison.Ordinal) ? outcome[ButtonPrefix.Length..] : null;

    public static IReadOnlyList<string> Of(Step step) => step.Kind switch
    {
        StepKind.Start or StepKind.SendFile => [Next],
        StepKind.Message when step.Buttons.Any(b => string.IsNullOrWhiteSpace(b.Url)) =>
            step.Buttons.Where(b => string.IsNullOrWhiteSpace(b.Url)).Select(b => ForButton(b.Id)).ToList(),
        StepKind.Message => [Next],
        StepKind.Question or StepKind.RequestEmail => step.Kind == StepKind.Question ? [Answered, GaveUp] : [Received, GaveUp],
        StepKind.RequestPhone => [Received, Refused],
        StepKind.Condition => [True, False],
        StepKind.CallMethod or StepKind.HttpRequest => [Ok, Failed],
        _ => [],
    };

    /// <summary>Steps that wait for the customer's next message.</summary>
    public static bool Waits(Step step) =>
        step.Kind is StepKind.Question or StepKind.RequestPhone or StepKind.RequestEmail
        || (step.Kind == StepKind.Message && step.Buttons.Any(b => string.IsNullOrWhiteSpace(b.Url)));
}
