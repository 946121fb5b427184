using Bots1C.Domain.EventLog;
using Bots1C.Domain.Scenarios.Exchange;

namespace Bots1C.Domain.Scenarios;

/// <summary>What scenarios write to the event log, the runner's warnings among them (see <see cref="EventDetail"/>).
/// A warning's code is "Scenario" + the runner's own code.</summary>
public static class ScenarioEvents
{
    public static EventDetail ScenarioCreated() => new("ScenarioCreated", "Scenario created.");

    public static EventDetail ScenarioSaved(bool draft, int problems) => draft
        ? new("ScenarioSaved", "Draft", $"Scenario saved as a draft with {problems} problem(s).", ("problems", problems))
        : new("ScenarioSaved", "Scenario saved.");

    public static EventDetail ScenarioEnabled() => new("ScenarioEnabled", "Scenario enabled.");
    public static EventDetail ScenarioDisabled() => new("ScenarioDisabled", "Scenario disabled.");
    public static EventDetail ScenarioDeleted() => new("ScenarioDeleted", "Scenario deleted.");

    /// <param name="mainMenu">The scenario's name, or null for none.</param>
    public static EventDetail BotScenariosChanged(string? mainMenu, string? notMatched, IReadOnlyList<string> listening)
    {
        static string Quoted(string? name) => name is null ? "none" : $"'{name}'";
        return new("BotScenariosChanged",
            $"Bot scenarios set: main menu {Quoted(mainMenu)}, not matched {Quoted(notMatched)}, listening to {(listening.Count == 0 ? "none" : string.Join(", ", listening.Select(Quoted)))}.",
            ("mainMenu", mainMenu), ("notMatched", notMatched), ("listening", string.Join(", ", listening)));
    }

    /// <summary>The full text (with the stack) stays in the English message, for the export; the page shows the error's message.</summary>
    public static EventDetail ScenarioFault(Exception error) =>
        new("ScenarioFault", error.ToString(), ("error", error.Message));

    public static EventDetail ScenarioFileMissing(long fileId, string? fileName) =>
        new("ScenarioFileMissing", $"File {fileId} ({fileName}) of a scenario no longer exists.", ("file", fileId), ("fileName", fileName));

    public static EventDetail ScenarioPrintFormMissing(long documentId, string? form) =>
        new("ScenarioPrintFormMissing",
            $"Document {documentId} (form '{form}') does not exist, is not the contact's counterparty's, or the form does not print it.",
            ("document", documentId), ("form", form));

    public static EventDetail ScenarioImported(ImportOutcome? outcome, string? clashName) => outcome switch
    {
        ImportOutcome.Replaced => new("ScenarioImported", "Replaced", "Scenario imported over the stored one (id and key kept)."),
        ImportOutcome.Renamed => new("ScenarioImported", "Renamed", $"Scenario imported as a copy of '{clashName}' with a new key.", ("original", clashName)),
        _ => new("ScenarioImported", "Scenario imported."),
    };

    /// <summary>The file could not be read at all; <paramref name="problem"/> is the problem's code (the page words it).</summary>
    public static EventDetail ScenarioImportUnreadable(string problem, string message) =>
        new("ScenarioImportRefused", "Unreadable", $"Scenario import refused: {message}", ("problem", problem));

    public static EventDetail ScenarioImportRefused(int problems, int clashes) =>
        new("ScenarioImportRefused", $"Scenario import refused: {problems} problem(s), {clashes} clash(es) without a choice.",
            ("problems", problems), ("clashes", clashes));

    // The runner's warnings.

    public static EventDetail StateLost(long? scenarioId, string? stepId) =>
        new("ScenarioStateLost", $"Scenario {scenarioId} or its step '{stepId}' no longer runs; the conversation starts afresh.",
            ("scenario", scenarioId), ("step", stepId));

    public static EventDetail CallResultLost() =>
        new("ScenarioCallResultLost", "A call's result arrived when the conversation was no longer waiting for it.");

    /// <param name="failureCode">"CallRefused" for an address the outbound guard refused; anything else is a failed call.</param>
    public static EventDetail CallFailed(string? failureCode, string stepId, string scenario, string? error) =>
        new(failureCode == "CallRefused" ? "ScenarioCallRefused" : "ScenarioCallFailed", $"Step '{stepId}' of '{scenario}': {error}",
            ("step", stepId), ("scenario", scenario), ("error", error));

    public static EventDetail LoopGuard(string scenario, int limit, string stepId) =>
        new("ScenarioLoopGuard", $"Scenario '{scenario}' passed through more than {limit} steps on one message; stopped at '{stepId}'.",
            ("scenario", scenario), ("limit", limit), ("step", stepId));

    public static EventDetail StepMissing(string scenario, string stepId) =>
        new("ScenarioStepMissing", $"Scenario '{scenario}' leads to a missing step '{stepId}'.", ("scenario", scenario), ("step", stepId));

    public static EventDetail TargetNotRunnable(string scenario) =>
        new("ScenarioTargetNotRunnable", $"Scenario '{scenario}' goes to a scenario that is missing, disabled or a draft.", ("scenario", scenario));

    public static EventDetail PrintDocumentMissing(string stepId, string scenario, string? expression, string rendered) =>
        new("ScenarioPrintDocumentMissing",
            $"Step '{stepId}' of '{scenario}' sends a print form, but '{expression}' gave '{rendered}', not a document id.",
            ("step", stepId), ("scenario", scenario), ("expression", expression), ("value", rendered));

    public static EventDetail VariableInvalid(string name) =>
        new("ScenarioVariableInvalid", $"'{name}' is not a variable name; the value was not stored.", ("name", name));

    public static EventDetail TooManyVariables(int max, string name) =>
        new("ScenarioTooManyVariables", $"The conversation already holds {max} variables; '{name}' was not stored.", ("limit", max), ("name", name));

    public static EventDetail PatternFailed(string pattern, string error) =>
        new("ScenarioPatternFailed", $"The pattern '{pattern}' could not be evaluated: {error}", ("pattern", pattern), ("error", error));
}
