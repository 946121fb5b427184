using System.Collections.Immutable;
using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>What the runner reacts to: something the customer did, or the result of a call it asked for.</summary>
public abstract record RunnerInput
{
    /// <summary>A typed message (or a file's caption).</summary>
    public sealed record Text(string Value) : RunnerInput;
    /// <summary>An inline button press: its payload, and the button's text when the messenger tells it.</summary>
    public sealed record ButtonPress(string? Payload, string? ButtonText) : RunnerInput;
    /// <summary>A shared contact; only the customer's own counts as their phone.</summary>
    public sealed record PhoneShared(string Phone, bool IsOwn) : RunnerInput;
    /// <summary>The outcome of the <see cref="PendingCall"/> the previous run returned; <see cref="Variables"/> go into <c>vars</c>.
    /// <see cref="FailureCode"/> names a failure the event log tells apart (a refused address), else it is "CallFailed".</summary>
    public sealed record CallCompleted(bool Ok, IReadOnlyDictionary<string, string> Variables, string? Error, string? FailureCode = null) : RunnerInput;
    /// <summary>Start a scenario from its start step (the editor's test panel).</summary>
    public sealed record StartScenario(long ScenarioId) : RunnerInput;
}

/// <summary>Where a conversation stands. Idle when <see cref="ScenarioId"/> is null.</summary>
public sealed record ScenarioState(
    long? ScenarioId,
    string? StepId,
    int Tries,
    DateTimeOffset? WaitingSince,
    ImmutableDictionary<string, string> Variables,
    bool AwaitingCall = false,
    bool WaitingForOperator = false)
{
    public static readonly ScenarioState Idle = new(null, null, 0, null, ImmutableDictionary<string, string>.Empty);

    public bool IsIdle => ScenarioId is null;

    public ScenarioState ToIdle() => this with { ScenarioId = null, StepId = null, Tries = 0, WaitingSince = null, AwaitingCall = false };
}

/// <summary>The contact's fields as a scenario reads them (<c>contact.firstName</c> …).</summary>
/// <param name="PhoneTyped">The phone was typed by the customer (a channel that cannot share a contact), not shared from
/// their messenger: nobody vouches that it is theirs.</param>
public sealed record ContactFacts(string? FirstName, string? LastName, string? Username, string? Phone, string? Email, string? Language,
    bool PhoneTyped = false)
{
    public static readonly ContactFacts Unknown = new(null, null, null, null, null, null);

    public string? this[string field] => field switch
    {
        "firstName" => FirstName,
        "lastName" => LastName,
        "name" => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } n ? n : Username,
        "username" => Username,
        "phone" => Phone,
        "email" => Email,
        "language" => Language,
        "replyLanguage" => ReplyLanguage,
        "phoneTyped" => PhoneTyped ? "true" : "false",
        _ => null,
    };

    /// <summary>The language the bot answers in, <c>ru</c> or <c>en</c>: Russian for Russian speakers and for visitors whose
    /// messenger tells no language (the product's home language), English for everyone else — the international fallback.
    /// The runner's own words follow it, and the ready-made scenarios branch on it.</summary>
    public string ReplyLanguage => string.IsNullOrWhiteSpace(Language) || Language.Trim().StartsWith("ru", StringComparison.OrdinalIgnoreCase)
        ? "ru" : "en";
}

/// <summary>A message the bot sends. <see cref="FileId"/> names a stored file; <see cref="PrintDocumentId"/> a document
/// whose print form (<see cref="PrintForm"/>) is rendered when the message is queued.</summary>
public sealed record ScenarioReply(string? Text, IReadOnlyList<Button> Buttons, long? FileId = null, string? FileName = null)
{
    public long? PrintDocumentId { get; init; }
    public string? PrintForm { get; init; }
}

/// <summary>A call the processor performs before the runner goes on (methods touch the database, HTTP leaves the app).</summary>
public sealed record PendingCall(long ScenarioId, string StepId, StepKind Kind, string? Method,
    IReadOnlyDictionary<string, string> Arguments, HttpCall? Http, IReadOnlyList<ResultMapping> Results)
{
    /// <summary>Steps already taken on this message, so the loop guard still holds after the call.</summary>
    public int StepsTaken { get; init; }
}

public sealed record HttpCall(string Method, string Url, string? Body, IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan Timeout);

/// <summary>Something the runner met that the event log should hear of (<see cref="ScenarioEvents"/>).</summary>
public sealed record RunnerWarning(EventLog.EventDetail Detail)
{
    /// <summary>The runner's own code ("LoopGuard"); the event log's is "Scenario" + it.</summary>
    public string Code => Detail.Code.StartsWith("Scenario", StringComparison.Ordinal) ? Detail.Code["Scenario".Length..] : Detail.Code;
    public string Message => Detail.English;
}

public sealed record RunResult(
    ScenarioState State,
    IReadOnlyList<ScenarioReply> Replies,
    PendingCall? Call,
    ContactFacts Contact,
    bool ContactChanged,
    bool HandedOver,
    IReadOnlyList<RunnerWarning> Warnings,
    IReadOnlyList<string> VisitedSteps,
    int StepsTaken,
    bool Handled);

/// <param name="CanSharePhone">The channel has a "share my phone" button (<see cref="Channels.MessengerTraits.CanRequestPhone"/>);
/// where it has none (the web chat) a phone step asks the customer to type the number.</param>
/// <param name="PhoneRegion">The region of numbers typed without a country code.</param>
public sealed record RunnerSettings(TimeSpan IdleTimeout, int LoopGuard = ScenarioRunner.DefaultLoopGuard, bool CanSharePhone = true,
    string PhoneRegion = PhoneNormalizer.DefaultRegion)
{
    public static readonly RunnerSettings Default = new(TimeSpan.FromMinutes(30));
}
