using Bots1C.Domain.Scenarios;

namespace Bots1C.Tests.Domain.Scenarios;

/// <summary>
/// Scenarios for tests, written the way a manager draws them:
/// <code>
/// ScenarioBuilder.Named("Order").OnKeyword("order").StartsWith("ask")
///     .Question("ask", "Your name?", "name").On("answered", "bye").On("gaveUp", "bye")
///     .End("bye", "Thanks, {{vars.name}}")
///     .Build(1);
/// </code>
/// <see cref="On(string,string)"/> connects an outcome of the step added last; <see cref="Link"/> connects any step.
/// </summary>
public sealed class ScenarioBuilder
{
    public const string StartId = "start";
    private Step? _last;

    private ScenarioBuilder(string name, string key)
    {
        Definition = ScenarioDefinition.New(name);
        Definition.Key = key;
        _last = Definition.StartStep;
    }

    public ScenarioDefinition Definition { get; }

    public static ScenarioBuilder Named(string name, string? key = null) =>
        new(name, key ?? name.ToLowerInvariant().Replace(' ', '-'));

    // Scenario settings and triggers

    public ScenarioBuilder NotInterruptible()
    {
        Definition.Interruptible = false;
        return this;
    }

    public ScenarioBuilder OnCommand(string command) => Trigger(TriggerKind.Command, command);
    public ScenarioBuilder OnPhrase(string phrase) => Trigger(TriggerKind.Phrase, phrase);
    public ScenarioBuilder OnKeyword(string keyword) => Trigger(TriggerKind.Keyword, keyword);
    public ScenarioBuilder OnPayload(string payload) => Trigger(TriggerKind.ButtonPayload, payload);

    public ScenarioBuilder Trigger(TriggerKind kind, string value)
    {
        Definition.Triggers.Add(new Trigger { Kind = kind, Value = value });
        return this;
    }

    /// <summary>Connects the start step to the first real step.</summary>
    public ScenarioBuilder StartsWith(string stepId) => Link(StartId, StepOutcomes.Next, stepId);

    // Steps (each becomes the "last" step that On / Then / With refer to)

    public ScenarioBuilder Message(string id, string? text, params (string Id, string Text)[] buttons) =>
        Add(new Step
        {
            Id = id, Kind = StepKind.Message, Text = text,
            Buttons = buttons.Select(b => new StepButton { Id = b.Id, Text = b.Text }).ToList(),
        });

    /// <summary>Adds a link button (no outcome of its own) to the message added last.</summary>
    public ScenarioBuilder LinkButton(string id, string text, string url) =>
        With(s => s.Buttons.Add(new StepButton { Id = id, Text = text, Url = url }));

    public ScenarioBuilder Question(string id, string text, string variable, AnswerType type = AnswerType.Text,
        int maxTries = 3, string? retryText = null, params string[] choices) =>
        Add(new Step
        {
            Id = id, Kind = StepKind.Question, Text = text, Variable = variable, AnswerType = type,
            MaxTries = maxTries, RetryText = retryText, Choices = [.. choices],
        });

    public ScenarioBuilder RequestPhone(string id, string text) => Add(new Step { Id = id, Kind = StepKind.RequestPhone, Text = text });

    public ScenarioBuilder RequestEmail(string id, string text, int maxTries = 3, string? retryText = null) =>
        Add(new Step { Id = id, Kind = StepKind.RequestEmail, Text = text, MaxTries = maxTries, RetryText = retryText });

    public ScenarioBuilder Condition(string id, string left, ConditionOperator op, string? right = "") =>
        Add(new Step { Id = id, Kind = StepKind.Condition, Left = left, Operator = op, Right = right });

    public ScenarioBuilder CallMethod(string id, string method, params (string Name, string Value)[] arguments) =>
        Add(new Step
        {
            Id = id, Kind = StepKind.CallMethod, Method = method,
            Arguments = arguments.Select(a => new NameValue { Name = a.Name, Value = a.Value }).ToList(),
        });

    public ScenarioBuilder Http(string id, string method, string url, string? body = null, int timeoutSeconds = 10) =>
        Add(new Step { Id = id, Kind = StepKind.HttpRequest, HttpMethod = method, Url = url, Body = body, TimeoutSeconds = timeoutSeconds });

    public ScenarioBuilder Header(string name, string value) => With(s => s.Headers.Add(new NameValue { Name = name, Value = value }));

    /// <summary>Maps a result (method result name or JSON path) of the call step added last to a variable.</summary>
    public ScenarioBuilder Result(string from, string toVariable) => With(s => s.Results.Add(new ResultMapping { From = from, To = toVariable }));

    public ScenarioBuilder SendFile(string id, long fileId, string fileName, string? caption = null) =>
        Add(new Step { Id = id, Kind = StepKind.SendFile, FileId = fileId, FileName = fileName, Text = caption });

    public ScenarioBuilder GoTo(string id, string targetKey) => Add(new Step { Id = id, Kind = StepKind.GoToScenario, TargetScenario = targetKey });

    public ScenarioBuilder HandOver(string id, string? text = null) => Add(new Step { Id = id, Kind = StepKind.HandOver, Text = text });

    public ScenarioBuilder End(string id, string? text = null, bool showMainMenu = false) =>
        Add(new Step { Id = id, Kind = StepKind.End, Text = text, ShowMainMenu = showMainMenu });

    /// <summary>Changes any setting of the step added last.</summary>
    public ScenarioBuilder With(Action<Step> configure)
    {
        configure(_last ?? throw new InvalidOperationException("No step to configure."));
        return this;
    }

    // Arrows

    /// <summary>The given outcome of the step added last leads to <paramref name="to"/>.</summary>
    public ScenarioBuilder On(string outcome, string to) =>
        Link(_last?.Id ?? throw new InvalidOperationException("No step yet."), outcome, to);

    /// <summary>The "next" outcome of the step added last leads to <paramref name="to"/>.</summary>
    public ScenarioBuilder Then(string to) => On(StepOutcomes.Next, to);

    /// <summary>The press of a button of the message added last leads to <paramref name="to"/>.</summary>
    public ScenarioBuilder OnButton(string buttonId, string to) => On(StepOutcomes.ForButton(buttonId), to);

    public ScenarioBuilder Link(string from, string outcome, string to)
    {
        Definition.Transitions.Add(new Transition { From = from, Outcome = outcome, To = to });
        return this;
    }

    public RunnableScenario Build(long id) => new(id, Definition);

    private ScenarioBuilder Add(Step step)
    {
        step.X = Definition.Steps.Count * 200;
        Definition.Steps.Add(step);
        _last = step;
        return this;
    }
}
