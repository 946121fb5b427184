using System.Text.Json.Serialization;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// Everything a manager draws: triggers, steps and transitions. One class for the editor, the runner and the
/// exchange file alike, so nothing is lost between them. Stored as JSON; the runner never changes it.
/// </summary>
public sealed class ScenarioDefinition
{
    /// <summary>Stable across installations (export/import keep it): Go-to steps and bots refer to a scenario by it.</summary>
    public string Key { get; set; } = NewKey();
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>A trigger of another scenario may interrupt this one while it waits for an answer.</summary>
    public bool Interruptible { get; set; } = true;
    public List<Trigger> Triggers { get; set; } = [];
    public List<Step> Steps { get; set; } = [];
    public List<Transition> Transitions { get; set; } = [];

    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>A new scenario holds its start step, so it can be drawn from at once.</summary>
    public static ScenarioDefinition New(string name) => new()
    {
        Name = name,
        Steps = [new Step { Id = "start", Kind = StepKind.Start, X = 40, Y = 160 }],
    };

    public Step? FindStep(string? id) => id is null ? null : Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>Derived from <see cref="Steps"/>: not written to JSON, or every stored and exported scenario would carry its start twice.</summary>
    [JsonIgnore]
    public Step? StartStep => Steps.FirstOrDefault(s => s.Kind == StepKind.Start);

    /// <summary>Where the given outcome of a step leads, or null when it is not connected.</summary>
    public string? Next(string stepId, string outcome) =>
        Transitions.FirstOrDefault(t => t.From == stepId && t.Outcome == outcome)?.To;
}

[JsonConverter(typeof(JsonStringEnumConverter<TriggerKind>))]
public enum TriggerKind
{
    /// <summary>A command such as <c>/start</c> (a <c>@botname</c> suffix is ignored).</summary>
    Command,
    /// <summary>The whole message equals the phrase (case and punctuation ignored).</summary>
    Phrase,
    /// <summary>The message contains the word or words (case and punctuation ignored).</summary>
    Keyword,
    /// <summary>A button press carrying exactly this payload.</summary>
    ButtonPayload,
}

public sealed class Trigger
{
    public TriggerKind Kind { get; set; }
    public string Value { get; set; } = "";
}

[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    Start,
    Message,
    Question,
    RequestPhone,
    RequestEmail,
    Condition,
    CallMethod,
    HttpRequest,
    SendFile,
    GoToScenario,
    HandOver,
    End,
}

[JsonConverter(typeof(JsonStringEnumConverter<AnswerType>))]
public enum AnswerType
{
    Text,
    Number,
    Date,
    Email,
    Phone,
    Choice,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    Equals,
    NotEquals,
    Contains,
    Greater,
    Less,
    IsEmpty,
    IsNotEmpty,
    MatchesPattern,
}

/// <summary>
/// One node of the graph. A flat bag of settings: each kind reads the ones it needs (see the table in
/// docs/scenarios.md), which keeps the JSON, the editor's form and the runner simple.
/// </summary>
public sealed class Step
{
    /// <summary>Short and unique within the scenario (it travels inside button payloads, ≤ 64 bytes in Telegram).</summary>
    public string Id { get; set; } = "";
    public StepKind Kind { get; set; }
    /// <summary>Optional name shown on the canvas.</summary>
    public string? Title { get; set; }
    public double X { get; set; }
    public double Y { get; set; }

    /// <summary>Message text, question, prompt, hand-over message, closing text. Variables: <c>{{vars.x}}</c>, <c>{{contact.firstName}}</c>.</summary>
    public string? Text { get; set; }
    /// <summary>Message: buttons; each non-link button has its own outcome.</summary>
    public List<StepButton> Buttons { get; set; } = [];
    /// <summary>Message and Send file: a file stored in the app.</summary>
    public long? FileId { get; set; }
    public string? FileName { get; set; }
    /// <summary>Send file: a print form of this document instead of a stored file — its id, usually a variable a
    /// method filled (<c>{{vars.invoiceId}}</c> from <c>LatestInvoice</c>).</summary>
    public string? PrintDocument { get; set; }
    /// <summary>Send file: the form to print it with (<c>invoice</c>, <c>act</c>, …); empty: the first form for its kind.</summary>
    public string? PrintForm { get; set; }

    /// <summary>Question: where the answer goes (<c>vars.&lt;name&gt;</c>).</summary>
    public string? Variable { get; set; }
    public AnswerType AnswerType { get; set; }
    public List<string> Choices { get; set; } = [];
    /// <summary>Question, Request e-mail and Request phone (where the number is typed): said when the answer does not fit,
    /// before asking again.</summary>
    public string? RetryText { get; set; }
    /// <summary>Question, Request e-mail and Request phone (typed numbers): how many answers to accept before "gave up"
    /// (a phone step leaves by "refused").</summary>
    public int MaxTries { get; set; } = 3;

    /// <summary>Condition: <c>vars.x</c> or <c>contact.phone</c> compared with <see cref="Right"/> (which may hold variables).</summary>
    public string? Left { get; set; }
    public ConditionOperator Operator { get; set; }
    public string? Right { get; set; }

    /// <summary>Call method: the method's name, e.g. <c>Contact.SetField</c>.</summary>
    public string? Method { get; set; }
    public List<NameValue> Arguments { get; set; } = [];
    /// <summary>Call method: result name → variable; HTTP request: JSON path → variable.</summary>
    public List<ResultMapping> Results { get; set; } = [];

    public string HttpMethod { get; set; } = "GET";
    public string? Url { get; set; }
    public string? Body { get; set; }
    public List<NameValue> Headers { get; set; } = [];
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Go to scenario: the target's <see cref="ScenarioDefinition.Key"/>.</summary>
    public string? TargetScenario { get; set; }
    /// <summary>End: show the bot's main menu afterwards.</summary>
    public bool ShowMainMenu { get; set; }
}

public sealed class StepButton
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>A link button opens this address and has no outcome of its own.</summary>
    public string? Url { get; set; }
}

public sealed class NameValue
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class ResultMapping
{
    /// <summary>The method's result name, or a JSON path such as <c>$.customer.name</c> / <c>items[0].sum</c>.</summary>
    public string From { get; set; } = "";
    /// <summary>The variable name (without <c>vars.</c>).</summary>
    public string To { get; set; } = "";
}

/// <summary>An arrow from one outcome of a step (see <see cref="StepOutcomes"/>) to another step.</summary>
public sealed class Transition
{
    public string From { get; set; } = "";
    public string Outcome { get; set; } = StepOutcomes.Next;
    public string To { get; set; } = "";
}
