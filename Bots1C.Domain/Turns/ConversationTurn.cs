using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;

namespace Bots1C.Domain.Turns;

/// <summary>
/// The bot's turn in a conversation, taken the same way whether a customer's message came in (the processor's batch,
/// through <see cref="ConversationRecorder"/>) or a scenario's HTTP request came back (<see cref="ScenarioCallWorker"/>):
/// the scenarios answer; a phone or e-mail they stored links the contact to its counterparty; a hand-over then goes to
/// that counterparty's main manager when online, or waits for anyone. Everything happens in the caller's unit of work;
/// what changed is returned, to be announced once the caller has committed it (ids exist only after the save).
/// </summary>
public sealed class ConversationTurn(ScenarioResponder scenarios, HandOverRouter router, ContactLinker linker, MessengerAgents agents) : IScenarioStart
{
    /// <summary>The bot answers an inbound event already recorded in the conversation.</summary>
    public Task<IReadOnlyList<RecordedChange>> AnswerAsync(Bots1CDbContext db, Conversation conversation, InboundEvent e,
        CancellationToken ct) =>
        TakeAsync(db, conversation, () => scenarios.RespondAsync(db, conversation.BotId, conversation, e, ct), ct);

    /// <summary>The scenario goes on with the answer to the HTTP request it was waiting for.</summary>
    public Task<IReadOnlyList<RecordedChange>> ContinueAfterCallAsync(Bots1CDbContext db, Conversation conversation, PendingCall call,
        RunnerInput.CallCompleted completed, CancellationToken ct) =>
        TakeAsync(db, conversation, () => scenarios.ContinueAsync(db, conversation, call, completed, ct), ct);

    /// <summary>An operator returned the conversation to the bot straight into a scenario, which answers at once.</summary>
    public Task<IReadOnlyList<RecordedChange>> StartAsync(Bots1CDbContext db, Conversation conversation, long scenarioId, CancellationToken ct) =>
        TakeAsync(db, conversation, () => scenarios.StartAsync(db, conversation, scenarioId, ct), ct);

    private async Task<IReadOnlyList<RecordedChange>> TakeAsync(Bots1CDbContext db, Conversation conversation,
        Func<Task<IReadOnlyList<Message>>> runScenarios, CancellationToken ct)
    {
        var contact = conversation.Contact;
        var modeBefore = conversation.Mode;
        var (phoneBefore, emailBefore) = (contact.Phone, contact.Email);
        var changes = (await runScenarios())
            .Select(reply => new RecordedChange(conversation.BotId, conversation, reply, ConversationChange.MessageAdded)).ToList();
        // Linked before routing, so a hand-over in the same turn already goes to the new counterparty's main manager.
        if (contact.Phone != phoneBefore || contact.Email != emailBefore)
            await linker.TryAutoLinkAsync(db, contact, ct);
        if (conversation.Mode == ConversationMode.WaitingForOperator && modeBefore != ConversationMode.WaitingForOperator)
            changes.AddRange(await agents.TryHandOverAsync(db, conversation, ct) ?? await HandOverAsync(db, conversation, ct));
        else if (conversation.Mode != modeBefore)
            changes.Add(new RecordedChange(conversation.BotId, conversation, null, ConversationChange.ConversationChanged));
        return changes;
    }

    /// <summary>A scenario just handed the dialog over: route it to the counterparty's manager, or let it wait.</summary>
    private async Task<IEnumerable<RecordedChange>> HandOverAsync(Bots1CDbContext db, Conversation conversation, CancellationToken ct)
    {
        var botId = conversation.BotId;
        if (await router.RouteAsync(db, conversation, ct) is { } assigned)
            return [new(botId, conversation, assigned, ConversationChange.MessageAdded), new(botId, conversation, null, ConversationChange.ConversationChanged)];
        return [new(botId, conversation, null, ConversationChange.WaitingStarted), new(botId, conversation, null, ConversationChange.ConversationChanged)];
    }
}
