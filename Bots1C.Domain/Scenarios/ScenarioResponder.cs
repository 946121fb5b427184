using System.Collections.Immutable;
using System.Text.Json;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Domain.Scenarios.Runner;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// Lets a bot's scenarios answer one inbound event, inside the processor's unit of work: the runner decides,
/// calls it asks for are performed here and fed back, and the replies (outbox rows), the contact's new phone
/// or e-mail and the conversation's new state are committed together with the inbox row.
/// </summary>
public sealed class ScenarioResponder(
    ScenarioCache cache,
    ScenarioRunner runner,
    ScenarioCallExecutor calls,
    EventJournal journal,
    PrintForms.PrintFormRenderer printForms,
    IOptions<ScenarioOptions> options,
    Bots.BotCache bots,
    ChannelAdapters adapters,
    TimeProvider clock)
{
    public const string Author = Message.BotAuthor;

    /// <summary>The messages it queued (to announce once committed).</summary>
    public async Task<IReadOnlyList<Message>> RespondAsync(Bots1CDbContext db, long botId, Conversation conversation, InboundEvent e,
        CancellationToken ct)
    {
        if (InputOf(e) is not { } input || conversation.Mode == ConversationMode.WithOperator)
            return []; // an operator has the dialog: the bot is paused for it
        try
        {
            return await RunAsync(db, botId, conversation, input, ct);
        }
        catch (Exception error) when (error is not (OperationCanceledException or System.Data.Common.DbException or DbUpdateException))
        {
            // A scenario fault must not cost the customer's message: it is recorded all the same, the bot just stays quiet.
            await journal.WriteAsync(EventLevel.Error, EventSources.Scenarios, ScenarioEvents.ScenarioFault(error),
                $"bot {botId}, conversation {conversation.Id}", ct: ct, about: new EventLinks(botId, conversation.Id, conversation.ContactId));
            return [];
        }
    }

    private async Task<IReadOnlyList<Message>> RunAsync(Bots1CDbContext db, long botId, Conversation conversation, RunnerInput input,
        CancellationToken ct)
    {
        var scenarios = await cache.ForBotAsync(botId, ct);
        var result = runner.Run(scenarios, StateOf(conversation), FactsOf(conversation.Contact), input, clock.GetUtcNow(), await SettingsAsync(botId, ct));
        return await DriveAsync(db, botId, conversation, scenarios, result, ct);
    }

    /// <summary>Goes on after the call worker performed the conversation's pending HTTP request.</summary>
    public async Task<IReadOnlyList<Message>> ContinueAsync(Bots1CDbContext db, Conversation conversation, PendingCall call,
        RunnerInput.CallCompleted completed, CancellationToken ct)
    {
        conversation.PendingCallJson = null;
        conversation.CallLeaseUntil = null;
        if (conversation.Mode == ConversationMode.WithOperator)
            return []; // taken over while the request ran: the person answers now
        var scenarios = await cache.ForBotAsync(conversation.BotId, ct);
        var result = runner.Run(scenarios, StateOf(conversation) with { AwaitingCall = true }, FactsOf(conversation.Contact), completed,
            clock.GetUtcNow(), await SettingsAsync(conversation.BotId, ct), call.StepsTaken);
        return await DriveAsync(db, conversation.BotId, conversation, scenarios, result, ct);
    }

    /// <summary>Starts a chosen scenario in the conversation (an operator returns the dialog into it).</summary>
    public Task<IReadOnlyList<Message>> StartAsync(Bots1CDbContext db, Conversation conversation, long scenarioId, CancellationToken ct) =>
        RunAsync(db, conversation.BotId, conversation, new RunnerInput.StartScenario(scenarioId), ct);

    /// <summary>The runner's settings for this bot: whether its messenger can share a phone decides how a phone step asks.</summary>
    private async ValueTask<RunnerSettings> SettingsAsync(long botId, CancellationToken ct) =>
        new(TimeSpan.FromMinutes(Math.Max(1, options.Value.IdleTimeoutMinutes)),
            CanSharePhone: await bots.FindByIdAsync(botId, ct) is not { } bot || adapters.TraitsOf(bot.Messenger)?.CanRequestPhone != false,
            PhoneRegion: string.IsNullOrWhiteSpace(options.Value.PhoneRegion) ? PhoneNormalizer.DefaultRegion : options.Value.PhoneRegion.Trim().ToUpperInvariant());

    private async Task<IReadOnlyList<Message>> DriveAsync(Bots1CDbContext db, long botId, Conversation conversation, BotScenarios scenarios,
        RunResult result, CancellationToken ct)
    {
        var queued = new List<Message>();
        while (true)
        {
            queued.AddRange(await QueueAsync(db, conversation, result.Replies, ct));
            Apply(conversation, result);
            foreach (var warning in result.Warnings)
                await journal.WriteAsync(warning.Code is "CallFailed" or ScenarioCallExecutor.RefusedCode ? EventLevel.Warning : EventLevel.Error, EventSources.Scenarios,
                    warning.Detail, $"bot {botId}, conversation {conversation.Id}", ct: ct,
                    about: new EventLinks(botId, conversation.Id, conversation.ContactId));
            if (result.Call is not { } call)
                return queued;
            if (call.Kind == StepKind.HttpRequest)
            {
                // A remote service may take seconds: the call worker performs it outside this batch, so other chats
                // are not held up. This chat's later updates wait for it (Turns/ChatWaitsForScenarioCall), keeping their order.
                conversation.PendingCallJson = JsonSerializer.Serialize(call with { StepsTaken = result.StepsTaken });
                conversation.CallLeaseUntil = null;
                return queued;
            }
            // Methods run here, in this unit of work, so their changes commit with the rest. The runner's step counter
            // travels along, so a loop through calls is stopped by the same guard.
            var completed = await calls.ExecuteAsync(call, new ScenarioMethodContext(db, botId, conversation), ct);
            result = runner.Run(scenarios, StateOf(conversation) with { AwaitingCall = true }, FactsOf(conversation.Contact), completed,
                clock.GetUtcNow(), await SettingsAsync(botId, ct), result.StepsTaken);
        }
    }

    public static RunnerInput? InputOf(InboundEvent e) => e.Kind switch
    {
        // Viber has no callback buttons: a scenario button comes back as a message whose text is its payload.
        InboundKind.Text when ButtonPayloads.Parse(e.Text?.Trim()) is not null => new RunnerInput.ButtonPress(e.Text!.Trim(), null),
        InboundKind.Text => new RunnerInput.Text(e.Text ?? ""),
        InboundKind.File => new RunnerInput.Text(e.Text ?? ""),
        InboundKind.ButtonPress => new RunnerInput.ButtonPress(e.ButtonData, e.Text),
        InboundKind.ContactShared when e.Contact is { } shared => new RunnerInput.PhoneShared(shared.PhoneNumber, shared.IsOwn),
        _ => null, // edits, blocks, delivery reports: nothing the bot should answer
    };

    public static ScenarioState StateOf(Conversation c) => new(
        c.ScenarioId, c.StepId, c.StepTries, c.WaitingSince, VariablesOf(c.VariablesJson),
        AwaitingCall: false, WaitingForOperator: c.Mode == ConversationMode.WaitingForOperator);

    public static ContactFacts FactsOf(Contact c) => new(c.FirstName, c.LastName, c.Username, c.Phone, c.Email, c.LanguageCode, c.PhoneTyped);

    private static ImmutableDictionary<string, string> VariablesOf(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}"
            ? ImmutableDictionary<string, string>.Empty
            : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableDictionary();

    private static void Apply(Conversation conversation, RunResult result)
    {
        var state = result.State;
        conversation.ScenarioId = state.ScenarioId;
        conversation.StepId = state.StepId;
        conversation.StepTries = state.Tries;
        conversation.WaitingSince = state.WaitingSince;
        conversation.VariablesJson = state.Variables.IsEmpty ? "{}" : JsonSerializer.Serialize(state.Variables);
        ConversationStates.FollowScenario(conversation, state.WaitingForOperator);
        if (result.ContactChanged)
        {
            conversation.Contact.Phone = result.Contact.Phone;
            conversation.Contact.PhoneTyped = result.Contact.Phone is not null && result.Contact.PhoneTyped;
            conversation.Contact.Email = result.Contact.Email;
        }
    }

    private async Task<List<Message>> QueueAsync(Bots1CDbContext db, Conversation conversation, IReadOnlyList<ScenarioReply> replies,
        CancellationToken ct)
    {
        var queued = new List<Message>();
        foreach (var reply in replies)
        {
            if (reply.PrintDocumentId is { } documentId)
            {
                if (await QueuePrintFormAsync(db, conversation, reply, documentId, ct) is { } printed)
                    queued.Add(printed);
                continue;
            }
            StoredFileRef? file = null;
            if (reply.FileId is { } fileId)
            {
                file = await db.Files.Where(f => f.Id == fileId).Select(f => new StoredFileRef(f.Id, f.FileName, f.MimeType, f.Size)).FirstOrDefaultAsync(ct);
                if (file is null)
                {
                    // The file was deleted after the scenario was saved: send the text alone rather than nothing.
                    await journal.WriteAsync(EventLevel.Warning, EventSources.Scenarios,
                        ScenarioEvents.ScenarioFileMissing(fileId, reply.FileName), $"conversation {conversation.Id}", ct: ct,
                        about: new EventLinks(conversation.BotId, conversation.Id, conversation.ContactId));
                    if (string.IsNullOrWhiteSpace(reply.Text))
                        continue;
                }
            }
            var content = file is null ? OutgoingContent.TextOnly(reply.Text, reply.Buttons) : OutgoingContent.WithStoredFile(reply.Text, file, reply.Buttons);
            var message = Outbox.Stage(db, conversation, content, Author, clock.GetUtcNow());
            queued.Add(message);
        }
        return queued;
    }

    /// <summary>Renders the document's form and queues it with a delivery row, like a form sent from the page. Only the
    /// contact's own counterparty's documents are sent: a variable the customer could fill must not reach others' papers.</summary>
    private async Task<Message?> QueuePrintFormAsync(Bots1CDbContext db, Conversation conversation, ScenarioReply reply, long documentId,
        CancellationToken ct)
    {
        var counterpartyId = conversation.Contact.CounterpartyId;
        var documentCounterparty = await db.PrintDocuments.Where(d => d.Id == documentId).Select(d => (long?)d.CounterpartyId).FirstOrDefaultAsync(ct);
        var rendered = documentCounterparty is not null && documentCounterparty == counterpartyId
            ? await printForms.RenderAsync(db, documentId, reply.PrintForm, ct)
            : null;
        var now = clock.GetUtcNow();
        if (rendered is null)
        {
            await journal.WriteAsync(EventLevel.Warning, EventSources.Scenarios,
                ScenarioEvents.ScenarioPrintFormMissing(documentId, reply.PrintForm),
                $"conversation {conversation.Id}", ct: ct);
            return reply.Text is null ? null : Outbox.Stage(db, conversation, OutgoingContent.TextOnly(reply.Text), Author, now);
        }
        var file = PrintForms.PrintFormSender.PdfFile(rendered.FileName, rendered.Content, now);
        var message = Outbox.Stage(db, conversation, OutgoingContent.WithNewFile(reply.Text, file), Author, now);
        db.PrintFormDeliveries.Add(new PrintForms.PrintFormDelivery
        {
            CounterpartyId = counterpartyId!.Value, ContactId = conversation.ContactId, DocumentId = documentId, Form = rendered.Form,
            FileName = rendered.FileName, Message = message, Author = Author, CreatedAt = now,
        });
        return message;
    }
}
