namespace Bots1C.Domain.Scenarios;

/// <summary>
/// One thing wrong with a scenario: a stable code (the UI words it in the reader's language), an English
/// message, where it is (<see cref="Place"/> such as <c>Steps[3].Text</c>) and the step it concerns, so the
/// editor can mark that node.
/// </summary>
public sealed record ScenarioProblem(string Code, string Message, string Place, string? StepId);
