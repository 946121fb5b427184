using System.Collections.Concurrent;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.DirectorySection;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// A scenario that goes on after an HTTP step (performed by the call worker, outside the message batch) takes the same
/// turn as one answering a message: a phone or e-mail it collects links the contact, and a hand-over is routed and
/// announced to the operators' screens. The "1C" service is a fake on loopback (the fake Bot API's server, another path).
/// </summary>
public class ScenarioCallTurnTests : DirectoryTestBase
{
    private const long Chat = 4501;
    private const string Email = "ivan.petrov@example.ru";
    private readonly ConcurrentQueue<ConversationEvent> _events = new();
    private IDisposable? _subscription;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _telegram.Given(Request.Create().WithPath("/1c/customer").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"email":"{{Email}}","phone":"8 (912) 345-67-89"}"""));
        await InstallAsync(AfterTheCall("/mailcall", "Mail set", ("email", "{{vars.email}}")));
        await InstallAsync(AfterTheCall("/phonecall", "Phone set", ("phone", "{{vars.phone}}")));
        await InstallAsync(ScenarioBuilder.Named("Call then operator").OnCommand("/calloperator").StartsWith("h")
            .Http("h", "GET", _telegram.Url + "/1c/customer").Result("$.email", "email")
            .On(StepOutcomes.Ok, "o").On(StepOutcomes.Failed, "o")
            .HandOver("o", HandOverText));
        await InstallAsync(ScenarioBuilder.Named("Call, mail, operator").OnCommand("/linkoperator").StartsWith("h")
            .Http("h", "GET", _telegram.Url + "/1c/customer").Result("$.email", "email")
            .On(StepOutcomes.Ok, "s").On(StepOutcomes.Failed, "o")
            .CallMethod("s", "Contact.SetField", ("field", "email"), ("value", "{{vars.email}}"))
            .On(StepOutcomes.Ok, "o").On(StepOutcomes.Failed, "o")
            .HandOver("o", HandOverText));
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        _subscription = _app.Services.GetRequiredService<ConversationNotifier>().Subscribe(e =>
        {
            _events.Enqueue(e);
            return Task.CompletedTask;
        });
    }

    public override Task DisposeAsync()
    {
        _subscription?.Dispose();
        return base.DisposeAsync();
    }

    /// <summary>Asks "1C" for the customer, stores one of the answer's fields on the contact, says <paramref name="done"/>.</summary>
    private ScenarioBuilder AfterTheCall(string command, string done, (string Field, string Value) set) =>
        ScenarioBuilder.Named(command.TrimStart('/')).OnCommand(command).StartsWith("h")
            .Http("h", "GET", _telegram.Url + "/1c/customer").Result("$.email", "email").Result("$.phone", "phone")
            .On(StepOutcomes.Ok, "s").On(StepOutcomes.Failed, "end")
            .CallMethod("s", "Contact.SetField", ("field", set.Field), ("value", set.Value))
            .On(StepOutcomes.Ok, "end").On(StepOutcomes.Failed, "end")
            .End("end", done);

    [Fact]
    public async Task An_email_a_scenario_stores_after_an_HTTP_step_links_the_contact()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", emails: [Email]);

        await SayAsync(Chat, "/mailcall");
        await SentEventuallyAsync(Chat, "Mail set");

        var contact = await Eventually.GetAsync(() => ContactAsync(Chat), c => c.Email is not null, "the e-mail stored");
        Assert.Equal((Email, counterparty.Id), (contact.Email, contact.CounterpartyId));
        Assert.Equal(["ContactLinkedAutomatically"], await DirectoryEventsAsync());
    }

    [Fact]
    public async Task A_phone_a_scenario_stores_after_an_HTTP_step_links_the_contact()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", phones: ["+7 912 345-67-89"]);

        await SayAsync(Chat, "/phonecall");
        await SentEventuallyAsync(Chat, "Phone set");

        var contact = await Eventually.GetAsync(() => ContactAsync(Chat), c => c.Phone is not null, "the phone stored");
        Assert.Equal(("+79123456789", counterparty.Id), (contact.Phone, contact.CounterpartyId));
    }

    [Fact]
    public async Task A_hand_over_after_an_HTTP_step_announces_the_waiting_conversation_as_changed()
    {
        await SayAsync(Chat, "/calloperator");
        await SentEventuallyAsync(Chat, HandOverText);

        var conversation = await Eventually.GetAsync(() => ConversationAsync(Chat), c => c.Mode == ConversationMode.WaitingForOperator,
            "the dialog handed over");
        // The customer's message itself announced a change before the call; the hand-over must announce its own after it.
        // The call worker announces right after its commit, on its own thread: on a loaded machine that may come well after
        // the new mode can be read, so this waits as long as every other wait here (it once gave up after 5 s).
        await Eventually.GetAsync(() => Task.FromResult(_events.Where(e => e.ConversationId == conversation.Id).Select(e => e.Change).ToList()),
            changes => changes.Contains(ConversationChange.WaitingStarted)
                       && changes.LastIndexOf(ConversationChange.ConversationChanged) > changes.IndexOf(ConversationChange.WaitingStarted),
            "WaitingStarted, then ConversationChanged announced");
    }

    [Fact]
    public async Task A_hand_over_after_an_HTTP_step_that_linked_the_contact_goes_to_the_counterparties_main_manager()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await CounterpartyAsync("ООО Ромашка", emails: [Email], managerUserId: maria.UserId);
        using var online = Presence.GoOnline(maria.UserId);

        await SayAsync(Chat, "/linkoperator");
        await SentEventuallyAsync(Chat, HandOverText);

        var conversation = await Eventually.GetAsync(() => ConversationAsync(Chat), c => c.Mode != ConversationMode.Bot, "the dialog handed over");
        Assert.Equal((ConversationMode.WithOperator, maria.UserId), (conversation.Mode, conversation.AssignedUserId));
        Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.AssignedToMainManager);
    }
}
