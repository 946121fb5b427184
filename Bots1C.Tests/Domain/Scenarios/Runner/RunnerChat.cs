using System.Collections.Immutable;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Tests.Domain.Scenarios.Runner;

/// <summary>
/// A conversation with the real <see cref="ScenarioRunner"/>: keeps the state, the contact and the clock between
/// inputs the way the processor does (a call's result is fed back with <c>AwaitingCall = true</c> and the steps
/// counted so far). No fakes: it only threads the pure function's output into its next input.
/// </summary>
public sealed class RunnerChat(BotScenarios scenarios, ContactFacts? contact = null, RunnerSettings? settings = null)
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ScenarioRunner _runner = new();

    public ScenarioState State { get; set; } = ScenarioState.Idle;
    public ContactFacts Contact { get; set; } = contact ?? new ContactFacts("Anna", "Petrova", "anna_p", null, null, "ru");
    public RunnerSettings Settings { get; } = settings ?? RunnerSettings.Default;
    public DateTimeOffset Now { get; set; } = T0;
    public RunResult? Last { get; private set; }

    public static RunnerChat With(params RunnableScenario[] listening) => new(BotScenarios.Of(listening));

    public static RunnerChat With(RunnableScenario? mainMenu, RunnableScenario? notMatched, params RunnableScenario[] listening) =>
        new(BotScenarios.Of(listening.Concat(new[] { mainMenu, notMatched }.OfType<RunnableScenario>()).DistinctBy(s => s.Id), mainMenu, notMatched));

    public RunnerChat WithVariable(string name, string value)
    {
        State = State with { Variables = State.Variables.SetItem(name, value) };
        return this;
    }

    public RunResult Send(string text) => Run(new RunnerInput.Text(text));
    public RunResult Press(string? payload, string? buttonText = null) => Run(new RunnerInput.ButtonPress(payload, buttonText));
    public RunResult Press(Button button) => Run(new RunnerInput.ButtonPress(button.Payload, button.Text));
    public RunResult SharePhone(string phone, bool own = true) => Run(new RunnerInput.PhoneShared(phone, own));
    public RunResult Start(long scenarioId) => Run(new RunnerInput.StartScenario(scenarioId));

    /// <summary>The pending call finished: fed back as the processor does.</summary>
    public RunResult Complete(bool ok, IReadOnlyDictionary<string, string>? variables = null, string? error = null) =>
        Run(new RunnerInput.CallCompleted(ok, variables ?? new Dictionary<string, string>(), error),
            State with { AwaitingCall = true }, Last?.StepsTaken ?? 0);

    public RunnerChat After(TimeSpan elapsed)
    {
        Now += elapsed;
        return this;
    }

    public RunResult Run(RunnerInput input) => Run(input, State, 0);

    private RunResult Run(RunnerInput input, ScenarioState state, int stepsSoFar)
    {
        var result = _runner.Run(scenarios, state, Contact, input, Now, Settings, stepsSoFar);
        State = result.State;
        Contact = result.Contact;
        Last = result;
        return result;
    }

    /// <summary>The texts of the last run's replies.</summary>
    public IReadOnlyList<string?> Said => Last?.Replies.Select(r => r.Text).ToList() ?? [];

    /// <summary>The buttons of the last reply that had any.</summary>
    public IReadOnlyList<Button> Buttons => Last?.Replies.LastOrDefault(r => r.Buttons.Count > 0)?.Buttons ?? [];

    public Button Button(string text) => Buttons.Single(b => b.Text == text);

    public ImmutableDictionary<string, string> Variables => State.Variables;
}
