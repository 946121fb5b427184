namespace Bots1C.Domain.Operators;

/// <summary>The codes stored in an event message's text; the screens turn them into words in the reader's language.</summary>
public static class ConversationEventCodes
{
    public const string TakenOver = "TakenOver";
    public const string ReturnedToBot = "ReturnedToBot";
    public const string ReturnedWhenIdle = "ReturnedWhenIdle";
    public const string Transferred = "Transferred";
    public const string AssignedToMainManager = "AssignedToMainManager";
    public const string Closed = "Closed";
    public const string Reopened = "Reopened";
    /// <summary>The customer wrote again soon after the close and the dialog went back to its operator (detail: their name).</summary>
    public const string ReopenedToOperator = "ReopenedToOperator";
    /// <summary>The customer wrote again soon after the close; its operator was away, so it waits for anyone (detail: their name).</summary>
    public const string ReopenedWaiting = "ReopenedWaiting";
    /// <summary>The hand-over went to the messenger's own agents (detail: the messenger).</summary>
    public const string HandedToMessengerAgents = "HandedToMessengerAgents";
    public const string MessengerAgentJoined = "MessengerAgentJoined";
    /// <summary>The messenger's agent wrote (author: the agent; detail: the text, cut to 256 characters).</summary>
    public const string MessengerAgentWrote = "MessengerAgentWrote";
    public const string MessengerAgentsUnavailable = "MessengerAgentsUnavailable";
    public const string ClosedInMessenger = "ClosedInMessenger";
}

/// <summary>The person acting in the messenger.</summary>
public sealed record OperatorRef(string UserId, string Name);

public enum ConversationActionOutcome
{
    Done,
    NotFound,
    /// <summary>Another operator has the dialog (<see cref="ConversationActionResult.OtherName"/>).</summary>
    TakenByOther,
    Invalid,
}

public sealed record ConversationActionResult(ConversationActionOutcome Outcome, string? OtherName = null,
    IReadOnlyList<FluentValidation.Results.ValidationFailure>? Errors = null, Conversations.Message? Message = null)
{
    public static readonly ConversationActionResult Done = new(ConversationActionOutcome.Done);
    public static readonly ConversationActionResult NotFound = new(ConversationActionOutcome.NotFound);
    public bool Succeeded => Outcome == ConversationActionOutcome.Done;

    public static ConversationActionResult Refused(string code, string message) => new(ConversationActionOutcome.Invalid, Errors: [new("", message) { ErrorCode = code }]);
}
