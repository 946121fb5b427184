using System.Globalization;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Domain.Scenarios.Runner;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios;

public enum TestChatSide
{
    Customer,
    Bot,
    /// <summary>What happened that a customer would not see: a call made, a hand-over, a warning.</summary>
    Note,
}

/// <summary>One line of the test chat. Notes carry a <see cref="Code"/> for the reader's language
/// (<c>HandedOver</c>, <c>NotHandled</c>, <c>Call</c>, <c>Warning</c>) and details in <see cref="Text"/>.</summary>
public sealed record TestChatLine(TestChatSide Side, string Text, IReadOnlyList<Button> Buttons, string? FileName = null, string? Code = null);

/// <summary>
/// The editor's test panel: a chat with a scenario as it is on screen (saved or not, even a draft), run by the
/// same runner bots use. Nothing is sent or stored: the contact lives in memory, methods change only it, and
/// HTTP requests are made for real (testing them is the point).
/// </summary>
public sealed class ScenarioTestChat(ScenarioRunner runner, ScenarioCallExecutor calls, ScenarioCache cache,
    IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The id the scenario under test runs as when it is not saved yet.</summary>
    public const long UnsavedId = -1;
    private readonly List<TestChatLine> _lines = [];
    private readonly Conversation _conversation = new()
    {
        Id = 0,
        Contact = new Contact { FirstName = "Test", ExternalUserId = "test", LanguageCode = "ru" },
    };
    private BotScenarios _scenarios = BotScenarios.None;
    private ScenarioState _state = ScenarioState.Idle;

    public IReadOnlyList<TestChatLine> Lines => _lines;
    public string? CurrentStepId => _state.StepId;
    public bool WaitingForOperator => _state.WaitingForOperator;
    public IReadOnlyDictionary<string, string> Variables => _state.Variables;
    public ContactFacts Contact => ScenarioResponder.FactsOf(_conversation.Contact);

    /// <summary>Starts (or restarts) the chat at the scenario's start step, forgetting earlier answers.</summary>
    public async Task StartAsync(ScenarioDefinition definition, long? storedId, CancellationToken ct = default)
    {
        var underTest = new RunnableScenario(storedId ?? UnsavedId, ScenarioJson.Clone(definition));
        var others = (await cache.AllAsync(ct)).Listening.Where(s => s.Id != underTest.Id && s.Key != underTest.Key);
        _scenarios = BotScenarios.Of(others.Prepend(underTest));
        _lines.Clear();
        _state = ScenarioState.Idle;
        _conversation.Contact.Phone = null;
        _conversation.Contact.Email = null;
        // The tester is the visitor: a scenario that answers in the visitor's language answers in the editor's.
        _conversation.Contact.LanguageCode = CultureInfo.CurrentUICulture.Name is { Length: > 0 } language ? language : "ru";
        await RunAsync(new RunnerInput.StartScenario(underTest.Id), ct);
    }

    public Task SendAsync(string text, CancellationToken ct = default)
    {
        _lines.Add(new TestChatLine(TestChatSide.Customer, text, []));
        return RunAsync(new RunnerInput.Text(text), ct);
    }

    public Task PressAsync(Button button, CancellationToken ct = default)
    {
        _lines.Add(new TestChatLine(TestChatSide.Customer, button.Text, []));
        return RunAsync(button.Kind == ButtonKind.Callback ? new RunnerInput.ButtonPress(button.Payload, button.Text) : new RunnerInput.Text(button.Text), ct);
    }

    /// <summary>As if the customer pressed the share-phone button (their own number).</summary>
    public Task SharePhoneAsync(string phone, CancellationToken ct = default)
    {
        _lines.Add(new TestChatLine(TestChatSide.Customer, "📱 " + phone, []));
        return RunAsync(new RunnerInput.PhoneShared(phone, IsOwn: true), ct);
    }

    private async Task RunAsync(RunnerInput input, CancellationToken ct)
    {
        var settings = RunnerSettings.Default;
        var result = runner.Run(_scenarios, _state, Contact, input, clock.GetUtcNow(), settings);
        while (true)
        {
            foreach (var reply in result.Replies)
                _lines.Add(new TestChatLine(TestChatSide.Bot, reply.Text ?? "", reply.Buttons, reply.FileName));
            foreach (var warning in result.Warnings)
                _lines.Add(new TestChatLine(TestChatSide.Note, warning.Message, [], Code: "Warning"));
            _state = result.State;
            if (result.ContactChanged)
            {
                _conversation.Contact.Phone = result.Contact.Phone;
                _conversation.Contact.Email = result.Contact.Email;
            }
            if (result.HandedOver)
                _lines.Add(new TestChatLine(TestChatSide.Note, "", [], Code: "HandedOver"));
            if (!result.Handled && input is not RunnerInput.CallCompleted)
                _lines.Add(new TestChatLine(TestChatSide.Note, "", [], Code: "NotHandled"));
            if (result.Call is not { } call)
                return;
            _lines.Add(new TestChatLine(TestChatSide.Note, call.Kind == StepKind.CallMethod ? $"{call.Method}(…)" : $"{call.Http!.Method} {call.Http.Url}", [], Code: "Call"));
            await using var db = await dbFactory.CreateDbContextAsync(ct); // read-only: never saved
            var completed = await calls.ExecuteAsync(call, new ScenarioMethodContext(db, 0, _conversation), ct);
            input = completed;
            result = runner.Run(_scenarios, _state with { AwaitingCall = true }, Contact, completed, clock.GetUtcNow(), settings, result.StepsTaken);
        }
    }
}
