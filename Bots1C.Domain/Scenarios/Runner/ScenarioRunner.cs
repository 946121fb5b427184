using System.Collections.Immutable;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios.Methods;

namespace Bots1C.Domain.Scenarios.Runner;

/// <summary>
/// The scenario engine, as a pure function: (the bot's scenarios, the conversation's state, the contact, one
/// input) → (new state, messages to send, a call to perform, contact changes). It reads no clock, database or
/// network, so every path can be tested directly and the editor's test panel runs the very same code.
/// </summary>
public sealed class ScenarioRunner
{
    public const int DefaultLoopGuard = 100;
    private const int MaxVariables = 200;
    private const int MaxVariableLength = 4000;

    public RunResult Run(BotScenarios scenarios, ScenarioState state, ContactFacts contact, RunnerInput input,
        DateTimeOffset now, RunnerSettings settings, int stepsSoFar = 0) =>
        new Pass(scenarios, state, contact, now, settings, stepsSoFar).Handle(input);

    /// <summary>One run's working memory.</summary>
    private sealed class Pass(BotScenarios scenarios, ScenarioState state, ContactFacts contact, DateTimeOffset now,
        RunnerSettings settings, int stepsSoFar)
    {
        private readonly List<ScenarioReply> _replies = [];
        private readonly List<RunnerWarning> _warnings = [];
        private readonly List<string> _visited = [];
        private ScenarioState _state = state;
        private ContactFacts _contact = contact;
        private bool _contactChanged;
        private bool _handedOver;
        private PendingCall? _call;
        private int _steps = stepsSoFar;

        public RunResult Handle(RunnerInput input)
        {
            var handled = Dispatch(input);
            return new RunResult(_state, _replies, _call, _contact, _contactChanged, _handedOver, _warnings, _visited, _steps, handled);
        }

        private bool Dispatch(RunnerInput input)
        {
            if (_state.WaitingForOperator)
            {
                // A person answers now and the bot keeps quiet, but the customer can always get the menu back
                // (until an operator picks the dialog up, nobody else could end the wait).
                if (!TriggerMatcher.IsMenuRequest(TextOf(input)) || scenarios.MainMenu is not { } menu)
                    return false;
                _state = _state with { WaitingForOperator = false };
                return Enter(menu);
            }
            var current = CurrentScenario();

            if (input is RunnerInput.CallCompleted completed)
                return ContinueAfterCall(current, completed);
            if (input is RunnerInput.StartScenario start)
                return scenarios.Find(start.ScenarioId) is { } chosen && Enter(chosen);

            if (current is { } running && running.Step is { } waiting && !_state.AwaitingCall)
            {
                if (now - (_state.WaitingSince ?? now) > settings.IdleTimeout)
                    _state = _state.ToIdle(); // the customer went away mid-question: start afresh
                else if (TryAnswer(running.Scenario, waiting, input) is { } answered)
                    return answered;
            }
            return StartFromIdle(input);
        }

        /// <summary>The running scenario and its waiting step, or null (and idle) when either has disappeared.</summary>
        private (RunnableScenario Scenario, Step? Step)? CurrentScenario()
        {
            if (_state.ScenarioId is null)
                return null;
            if (scenarios.Find(_state.ScenarioId) is { } scenario && scenario.Definition.FindStep(_state.StepId) is { } step)
                return (scenario, step);
            Warn(ScenarioEvents.StateLost(_state.ScenarioId, _state.StepId));
            _state = _state.ToIdle();
            return null;
        }

        /// <summary>The waiting step takes the input; null means it does not concern the step (look for a trigger).</summary>
        private bool? TryAnswer(RunnableScenario scenario, Step step, RunnerInput input)
        {
            var definition = scenario.Definition;
            // A press on one of this step's buttons always counts, whatever else the scenario allows.
            if (step.Kind == StepKind.Message && ButtonOf(scenario, step, input) is { } pressed)
                return Go(scenario, step, StepOutcomes.ForButton(pressed.Id));
            // A button of an earlier message: it leads where it always led (see StartFromIdle).
            if (input is RunnerInput.ButtonPress { Payload: var payload } && ButtonPayloads.Parse(payload) is not null)
                return null;

            var text = TextOf(input);
            if (TriggerMatcher.IsMenuRequest(text) && scenarios.MainMenu is not null)
                return null;
            if (definition.Interruptible && FindTriggered(input, except: scenario.Id) is not null)
                return null;

            switch (step.Kind)
            {
                case StepKind.Message when definition.Interruptible:
                    return null; // typed instead of pressing: handled like any message in an idle conversation
                case StepKind.Message:
                    // A scenario that may not be interrupted insists on an answer: the message and its buttons again.
                    _state = _state with { WaitingSince = now };
                    Say(step.Text, MessageButtons(scenario, step), step.FileId, step.FileName);
                    return true;
                case StepKind.Question:
                    var answer = input switch
                    {
                        RunnerInput.PhoneShared shared when step.AnswerType == AnswerType.Phone => PhoneNormalizer.ToE164(shared.Phone),
                        RunnerInput.ButtonPress press => AnswerParser.Parse(step, press.ButtonText ?? ""),
                        _ => text is null ? null : AnswerParser.Parse(step, text),
                    };
                    if (answer is not null)
                    {
                        SetVariable(step.Variable!, answer);
                        return Go(scenario, step, StepOutcomes.Answered);
                    }
                    return Retry(scenario, step);
                case StepKind.RequestPhone:
                    if (input is RunnerInput.PhoneShared { IsOwn: true } own && PhoneNormalizer.ToE164(own.Phone) is { } phone)
                    {
                        _contact = _contact with { Phone = phone, PhoneTyped = false };
                        _contactChanged = true;
                        return Go(scenario, step, StepOutcomes.Received);
                    }
                    if (!settings.CanSharePhone && text is not null)
                        return TakeTypedPhone(scenario, step, text);
                    return Go(scenario, step, StepOutcomes.Refused);
                case StepKind.RequestEmail:
                    if (text is not null && EmailAddresses.IsValid(text))
                    {
                        _contact = _contact with { Email = text.Trim() };
                        _contactChanged = true;
                        return Go(scenario, step, StepOutcomes.Received);
                    }
                    return Retry(scenario, step);
                default:
                    return null;
            }
        }

        /// <summary>A channel without a "share my phone" button: the number is typed. A valid one is the contact's phone,
        /// marked as typed (nobody vouches for it); anything else is answered and asked again, up to the step's tries.</summary>
        private bool TakeTypedPhone(RunnableScenario scenario, Step step, string text)
        {
            if (PhoneNormalizer.ToE164(text, settings.PhoneRegion) is { } typed)
            {
                _contact = _contact with { Phone = typed, PhoneTyped = true };
                _contactChanged = true;
                return Go(scenario, step, StepOutcomes.Received);
            }
            var tries = _state.Tries + 1;
            if (tries >= Math.Max(1, step.MaxTries))
                return Go(scenario, step, StepOutcomes.Refused);
            _state = _state with { Tries = tries, WaitingSince = now };
            // The manager's own words when the step has them (as a question's retry text), else the runner's.
            Say(!string.IsNullOrWhiteSpace(step.RetryText) ? step.RetryText
                : InEnglish ? "This does not look like a phone number. Please type it with the country code, for example +7 912 345-67-89."
                : "Это не похоже на номер телефона. Напишите его с кодом страны, например +7 912 345-67-89.", []);
            return true;
        }

        private bool Retry(RunnableScenario scenario, Step step)
        {
            var tries = _state.Tries + 1;
            if (tries >= Math.Max(1, step.MaxTries))
                return Go(scenario, step, StepOutcomes.GaveUp);
            _state = _state with { Tries = tries, WaitingSince = now };
            Say(string.IsNullOrWhiteSpace(step.RetryText) ? step.Text : step.RetryText, QuestionButtons(step));
            return true;
        }

        private bool StartFromIdle(RunnerInput input)
        {
            _state = _state.ToIdle();
            // A button of an earlier message leads where it always led, even after the scenario moved on.
            if (input is RunnerInput.ButtonPress press && ButtonPayloads.Parse(press.Payload) is { } target
                && scenarios.FindReachable(target.ScenarioId) is { } owner && owner.Definition.FindStep(target.StepId) is { Kind: StepKind.Message } step
                && step.Buttons.Any(b => b.Id == target.ButtonId))
                return Go(owner, step, StepOutcomes.ForButton(target.ButtonId));

            if (TriggerMatcher.IsMenuRequest(TextOf(input)) && scenarios.MainMenu is { } menu)
                return Enter(menu);
            if (FindTriggered(input, except: null) is { } triggered)
                return Enter(triggered);
            if (input is RunnerInput.CallCompleted or RunnerInput.StartScenario)
                return false;
            return scenarios.NotMatched is { } notMatched && Enter(notMatched);
        }

        private RunnableScenario? FindTriggered(RunnerInput input, long? except)
        {
            var text = TextOf(input);
            var payload = (input as RunnerInput.ButtonPress)?.Payload;
            if (text is null && payload is null)
                return null;
            return scenarios.Listening.FirstOrDefault(s => s.Id != except
                && s.Definition.Triggers.Any(t => TriggerMatcher.Matches(t, text, payload)));
        }

        private bool ContinueAfterCall((RunnableScenario Scenario, Step? Step)? current, RunnerInput.CallCompleted completed)
        {
            if (current is not { Step: { Kind: StepKind.CallMethod or StepKind.HttpRequest } step } running || !_state.AwaitingCall)
            {
                Warn(ScenarioEvents.CallResultLost());
                return false;
            }
            _state = _state with { AwaitingCall = false };
            foreach (var (name, value) in completed.Variables)
                SetVariable(name, value);
            if (!completed.Ok)
                Warn(ScenarioEvents.CallFailed(completed.FailureCode, step.Id, running.Scenario.Name, completed.Error));
            return Go(running.Scenario, step, completed.Ok ? StepOutcomes.Ok : StepOutcomes.Failed);
        }

        private bool Enter(RunnableScenario scenario) =>
            scenario.Definition.StartStep is { } start && Execute(scenario, start.Id);

        /// <summary>Leaves a step by one of its outcomes; an unconnected outcome ends the scenario.</summary>
        private bool Go(RunnableScenario scenario, Step from, string outcome)
        {
            _state = _state with { Tries = 0, WaitingSince = null };
            if (scenario.Definition.Next(from.Id, outcome) is { } next)
                return Execute(scenario, next);
            _state = _state.ToIdle();
            return true;
        }

        /// <summary>Runs steps until one waits for the customer, asks for a call, or the scenario ends.</summary>
        private bool Execute(RunnableScenario scenario, string stepId)
        {
            var definition = scenario.Definition;
            string? id = stepId;
            while (id is not null)
            {
                if (++_steps > settings.LoopGuard)
                {
                    Warn(ScenarioEvents.LoopGuard(scenario.Name, settings.LoopGuard, id));
                    _state = _state.ToIdle();
                    return true;
                }
                if (definition.FindStep(id) is not { } step)
                {
                    Warn(ScenarioEvents.StepMissing(scenario.Name, id));
                    break;
                }
                _visited.Add(step.Id);
                _state = _state with { ScenarioId = scenario.Id, StepId = step.Id, Tries = 0, WaitingSince = null, AwaitingCall = false };
                switch (step.Kind)
                {
                    case StepKind.Start:
                        id = definition.Next(step.Id, StepOutcomes.Next);
                        break;
                    case StepKind.Message:
                        Say(step.Text, MessageButtons(scenario, step), step.FileId, step.FileName);
                        if (StepOutcomes.Waits(step))
                            return Wait();
                        id = definition.Next(step.Id, StepOutcomes.Next);
                        break;
                    case StepKind.Question:
                        Say(step.Text, QuestionButtons(step));
                        return Wait();
                    case StepKind.RequestPhone when settings.CanSharePhone:
                        Say(step.Text, [new Button(ButtonKind.SharePhone, SharePhoneLabel(step))]);
                        return Wait();
                    case StepKind.RequestPhone:
                        // No button can share a number here (the web chat): the customer types it.
                        var hint = InEnglish ? "Please type your phone number, for example +7 912 345-67-89."
                            : "Напишите, пожалуйста, номер телефона, например +7 912 345-67-89.";
                        Say(string.IsNullOrWhiteSpace(Render(step.Text ?? "")) ? hint : step.Text + "\n" + hint, []);
                        return Wait();
                    case StepKind.RequestEmail:
                        Say(step.Text, []);
                        return Wait();
                    case StepKind.Condition:
                        var left = TextTemplate.Read(step.Left?.Trim() ?? "", _state.Variables, _contact);
                        var right = TextTemplate.Render(step.Right, _state.Variables, _contact);
                        var holds = ConditionEvaluator.Evaluate(step.Operator, left, right, out var warning);
                        if (warning is not null)
                            _warnings.Add(warning);
                        id = definition.Next(step.Id, holds ? StepOutcomes.True : StepOutcomes.False);
                        break;
                    case StepKind.CallMethod or StepKind.HttpRequest:
                        _call = CallFor(scenario, step);
                        _state = _state with { AwaitingCall = true };
                        return true;
                    case StepKind.SendFile when !string.IsNullOrWhiteSpace(step.PrintDocument):
                        SayPrintForm(scenario, step);
                        id = definition.Next(step.Id, StepOutcomes.Next);
                        break;
                    case StepKind.SendFile:
                        Say(step.Text, [], step.FileId, step.FileName);
                        id = definition.Next(step.Id, StepOutcomes.Next);
                        break;
                    case StepKind.GoToScenario:
                        if (scenarios.FindByKey(step.TargetScenario) is not { } target || target.Definition.StartStep is not { } targetStart)
                        {
                            Warn(ScenarioEvents.TargetNotRunnable(scenario.Name));
                            id = null;
                            break;
                        }
                        scenario = target;
                        definition = target.Definition;
                        id = targetStart.Id;
                        break;
                    case StepKind.HandOver:
                        Say(step.Text, []);
                        _state = _state.ToIdle() with { WaitingForOperator = true };
                        _handedOver = true;
                        return true;
                    case StepKind.End:
                        Say(step.Text, []);
                        if (step.ShowMainMenu && scenarios.MainMenu is { } menu && menu.Definition.StartStep is { } menuStart)
                        {
                            scenario = menu;
                            definition = menu.Definition;
                            id = menuStart.Id;
                            break;
                        }
                        id = null;
                        break;
                }
            }
            _state = _state.ToIdle();
            return true;
        }

        private bool Wait()
        {
            _state = _state with { WaitingSince = now };
            return true;
        }

        private void Say(string? text, IReadOnlyList<Button> buttons, long? fileId = null, string? fileName = null)
        {
            var rendered = TextTemplate.Render(text, _state.Variables, _contact);
            // Buttons need a message to hang on (Telegram refuses an empty text), and the step waits for them.
            if (rendered.Trim().Length == 0 && fileId is null && buttons.Count > 0)
                rendered = "…";
            if (rendered.Trim().Length == 0 && fileId is null)
                return;
            _replies.Add(new ScenarioReply(rendered.Trim().Length == 0 ? null : rendered, buttons, fileId, fileName));
        }

        /// <summary>A print form: the document's id comes from the step (usually a variable); without a usable id the
        /// caption goes alone and the log says why.</summary>
        private void SayPrintForm(RunnableScenario scenario, Step step)
        {
            var rendered = TextTemplate.Render(step.PrintDocument, _state.Variables, _contact).Trim();
            if (!long.TryParse(rendered, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var documentId))
            {
                Warn(ScenarioEvents.PrintDocumentMissing(step.Id, scenario.Name, step.PrintDocument, rendered));
                Say(step.Text, []);
                return;
            }
            var caption = TextTemplate.Render(step.Text, _state.Variables, _contact);
            _replies.Add(new ScenarioReply(caption.Trim().Length == 0 ? null : caption, [])
            {
                PrintDocumentId = documentId, PrintForm = string.IsNullOrWhiteSpace(step.PrintForm) ? null : step.PrintForm.Trim(),
            });
        }

        private IReadOnlyList<Button> MessageButtons(RunnableScenario scenario, Step step) =>
            step.Buttons.Select(b => string.IsNullOrWhiteSpace(b.Url)
                    ? new Button(ButtonKind.Callback, Render(b.Text), ButtonPayloads.For(scenario.Id, step.Id, b.Id))
                    : new Button(ButtonKind.OpenUrl, Render(b.Text), TextTemplate.Render(b.Url, _state.Variables, _contact, TextTemplate.ForUrl)))
                .ToList();

        /// <summary>A choice question offers its options as reply buttons: pressing one sends the option as text.</summary>
        private static IReadOnlyList<Button> QuestionButtons(Step step) =>
            step.Kind == StepKind.Question && step.AnswerType == AnswerType.Choice
                ? step.Choices.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => new Button(ButtonKind.Reply, c)).ToList()
                : [];

        private string SharePhoneLabel(Step step) =>
            step.Buttons.FirstOrDefault() is { Text.Length: > 0 } custom ? Render(custom.Text)
            : InEnglish ? "📱 Share my phone number"
            : "📱 Отправить номер телефона";

        /// <summary>The runner's own words (a phone step's button and hints) follow <see cref="ContactFacts.ReplyLanguage"/>,
        /// like the ready-made scenarios' branches, so a visitor never gets two languages in one dialog.</summary>
        private bool InEnglish => _contact.ReplyLanguage == "en";

        private StepButton? ButtonOf(RunnableScenario scenario, Step step, RunnerInput input) => input switch
        {
            RunnerInput.ButtonPress press when ButtonPayloads.Parse(press.Payload) is { } p && p.ScenarioId == scenario.Id && p.StepId == step.Id =>
                step.Buttons.FirstOrDefault(b => b.Id == p.ButtonId),
            // Viber sends a reply button as plain text, and people type what a button says.
            RunnerInput.Text typed => step.Buttons.FirstOrDefault(b => string.IsNullOrWhiteSpace(b.Url)
                && TriggerMatcher.Normalize(Render(b.Text)) is { Length: > 0 } label && label == TriggerMatcher.Normalize(typed.Value)),
            _ => null,
        };

        private PendingCall CallFor(RunnableScenario scenario, Step step)
        {
            var vars = _state.Variables;
            if (step.Kind == StepKind.CallMethod)
            {
                // An argument named twice (the checker reports it) must not throw here: the later one counts.
                var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var argument in step.Arguments)
                    arguments[argument.Name] = TextTemplate.Render(argument.Value, vars, _contact);
                return new PendingCall(scenario.Id, step.Id, step.Kind, step.Method, arguments, null, step.Results);
            }
            var http = new HttpCall(step.HttpMethod,
                TextTemplate.Render(step.Url, vars, _contact, TextTemplate.ForUrl),
                string.IsNullOrWhiteSpace(step.Body) ? null : TextTemplate.Render(step.Body, vars, _contact, TextTemplate.ForJson),
                step.Headers.Select(h => KeyValuePair.Create(h.Name, TextTemplate.Render(h.Value, vars, _contact, TextTemplate.ForHeader))).ToList(),
                TimeSpan.FromSeconds(Math.Clamp(step.TimeoutSeconds, 1, 60)));
            return new PendingCall(scenario.Id, step.Id, step.Kind, null, new Dictionary<string, string>(), http, step.Results);
        }

        private string Render(string text) => TextTemplate.Render(text, _state.Variables, _contact);

        private static string? TextOf(RunnerInput input) => input switch
        {
            RunnerInput.Text t => t.Value,
            RunnerInput.ButtonPress p => p.ButtonText,
            _ => null,
        };

        private void SetVariable(string name, string value)
        {
            if (!ScenarioVariables.IsVariableName(name))
            {
                // Only drafts (the editor's test panel) can get here: bots run checked scenarios.
                Warn(ScenarioEvents.VariableInvalid(name));
                return;
            }
            if (_state.Variables.Count >= MaxVariables && !_state.Variables.ContainsKey(name))
            {
                Warn(ScenarioEvents.TooManyVariables(MaxVariables, name));
                return;
            }
            _state = _state with { Variables = _state.Variables.SetItem(name, value.Length > MaxVariableLength ? value[..MaxVariableLength] : value) };
        }

        private void Warn(EventLog.EventDetail detail) => _warnings.Add(new RunnerWarning(detail));
    }
}
