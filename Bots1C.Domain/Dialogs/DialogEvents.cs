namespace Bots1C.Domain.Dialogs;

/// <summary>The codes stored in an event message's text; the screens turn them into words in the reader's language.</summary>
public static class DialogEvents
{
    public const string TakenOver = "TakenOver";
    public const string ReturnedToBot = "ReturnedToBot";
    public const string ReturnedWhenIdle = "ReturnedWhenIdle";
    public const string Transferred = "Transferred";
    public const string AssignedToMainManager = "AssignedToMainManager";
    public const string Closed = "Closed";
    public const string Reopened = "Reopened";
}

/// <summary>The person acting in the messenger.</summary>
public sealed record OperatorRef(string UserId, string Name);

public enum DialogOutcome
{
    Done,
    NotFound,
    /// <summary>Another operator has the dialog (<see cref="DialogActionResult.OtherName"/>).</summary>
    TakenByOther,
    Invalid,
}

public sealed record DialogActionResult(DialogOutcome Outcome, string? OtherName = null,
    IReadOnlyList<FluentValidation.Results.ValidationFailure>? Errors = null, Conversations.Message? Message = null)
{
    public static readonly DialogActionResult Done = new(DialogOutcome.Done);
    public static readonly DialogActionResult NotFound = new(DialogOutcome.NotFound);
    public bool Succeeded => Outcome == DialogOutcome.Done;

    public static DialogActionResult Refused(string code, string message) => new(DialogOutcome.Invalid, Errors: [new("", message) { ErrorCode = code }]);
}
