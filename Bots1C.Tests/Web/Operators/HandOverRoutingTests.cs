using System.Collections.Concurrent;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Operators;

/// <summary>Who gets a dialog a scenario hands over: the online main manager of the contact's counterparty, or
/// nobody yet (it waits for the first operator).</summary>
public class HandOverRoutingTests : OperatorTestBase
{
    private const long Chat = 3001;
    private readonly ConcurrentQueue<ConversationEvent> _events = new();
    private IDisposable? _subscription;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
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

    /// <summary>The customer's contact (created by a first message) belongs to a counterparty managed by <paramref name="manager"/>.</summary>
    private async Task<Contact> ContactOfCounterpartyAsync(OperatorRef manager)
    {
        await SayAsync(Chat, "hello");
        await using var db = await _app.Db();
        var counterparty = new Counterparty { Name = "ООО Ромашка", MainManagerUserId = manager.UserId, CreatedAt = DateTimeOffset.UtcNow };
        db.Counterparties.Add(counterparty);
        var contact = await db.Contacts.SingleAsync(c => c.ExternalUserId == Chat.ToString());
        contact.Counterparty = counterparty;
        await db.SaveChangesAsync();
        return contact;
    }

    [Fact]
    public async Task A_hand_over_goes_to_the_online_main_manager_of_the_contacts_counterparty()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await ContactOfCounterpartyAsync(maria);
        using var online = Presence.GoOnline(maria.UserId);

        await SayAsync(Chat, "/operator");

        await SentEventuallyAsync(Chat, HandOverText);
        var conversation = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.WithOperator, maria.UserId), (conversation.Mode, conversation.AssignedUserId));
        var assigned = Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Kind == MessageKind.Event && m.Text == ConversationEventCodes.AssignedToMainManager);
        Assert.Equal("maria (ООО Ромашка)", assigned.EventDetail);
        Assert.DoesNotContain(_events, e => e.ConversationId == conversation.Id && e.Change == ConversationChange.WaitingStarted);
    }

    [Fact]
    public async Task A_hand_over_waits_for_anyone_while_the_main_manager_is_offline()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await ContactOfCounterpartyAsync(maria);
        Presence.GoOnline(maria.UserId).Dispose(); // was online, closed the tab

        await SayAsync(Chat, "/operator");

        await AssertWaitingForAnyoneAsync();
    }

    [Fact]
    public async Task A_hand_over_of_a_contact_without_a_counterparty_waits_for_anyone()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        using var online = Presence.GoOnline(maria.UserId);
        await SayAsync(Chat, "hello");

        await SayAsync(Chat, "/operator");

        await AssertWaitingForAnyoneAsync();
    }

    [Fact]
    public async Task A_hand_over_waits_when_the_online_main_manager_is_locked_out()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await ContactOfCounterpartyAsync(maria);
        using var online = Presence.GoOnline(maria.UserId);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(maria.UserId))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(1));
        }

        await SayAsync(Chat, "/operator");

        await AssertWaitingForAnyoneAsync();
    }

    [Fact]
    public async Task A_conversation_an_operator_returns_into_a_scenario_that_hands_over_goes_to_the_online_main_manager()
    {
        var anna = await OperatorAsync("anna");
        var maria = await OperatorAsync("maria", Roles.Manager);
        await ContactOfCounterpartyAsync(maria);
        using var online = Presence.GoOnline(maria.UserId);
        var callMe = await InstallAsync(ScenarioBuilder.Named("Call me").StartsWith("h").HandOver("h", HandOverText));
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.ReturnToBotAsync(conversation.Id, anna, callMe)).Outcome);

        await SentEventuallyAsync(Chat, HandOverText);
        var routed = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.WithOperator, maria.UserId), (routed.Mode, routed.AssignedUserId));
        Assert.Contains(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.AssignedToMainManager);
    }

    [Fact]
    public async Task A_conversation_an_operator_returns_into_a_scenario_that_hands_over_is_announced_as_waiting()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        var callMe = await InstallAsync(ScenarioBuilder.Named("Call me").StartsWith("h").HandOver("h", HandOverText));
        var conversation = await ConversationAsync(Chat);
        await Control.TakeOverAsync(conversation.Id, anna);

        Assert.Equal(ConversationActionOutcome.Done, (await Control.ReturnToBotAsync(conversation.Id, anna, callMe)).Outcome);

        await AssertWaitingForAnyoneAsync();
    }

    private async Task AssertWaitingForAnyoneAsync()
    {
        await SentEventuallyAsync(Chat, HandOverText);
        var conversation = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.WaitingForOperator, null), (conversation.Mode, conversation.AssignedUserId));
        Assert.DoesNotContain(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.AssignedToMainManager);
        Assert.Contains(_events, e => e.ConversationId == conversation.Id && e.Change == ConversationChange.WaitingStarted);
        var waiting = await List.ListAsync(new ConversationFilter(ConversationTab.Waiting, "nobody"), 0, 50);
        Assert.Equal([conversation.Id], waiting.Rows.Select(r => r.Id));
    }
}

/// <summary>A taken-over dialog nobody writes in goes back to the bot after Bots1C:Operators:IdleReturnMinutes.</summary>
public class IdleConversationReturnTests() : OperatorTestBase(app => app.WithFakeClock().With("Bots1C:Operators:IdleReturnMinutes", "30"))
{
    private const long Chat = 3101;

    private IdleConversationReturn Idle => _app.Services.GetRequiredService<IdleConversationReturn>();

    private async Task<Conversation> TakenOverAsync()
    {
        var anna = await OperatorAsync("anna");
        await SayAsync(Chat, "hello");
        var conversation = await ConversationAsync(Chat);
        Assert.Equal(ConversationActionOutcome.Done, (await Control.TakeOverAsync(conversation.Id, anna)).Outcome);
        return conversation;
    }

    [Fact]
    public async Task A_taken_over_conversation_returns_to_the_bot_once_idle_for_the_configured_time()
    {
        var conversation = await TakenOverAsync();

        _app.Clock!.Advance(TimeSpan.FromMinutes(29));
        await Idle.ReturnIdleAsync();
        Assert.Equal(ConversationMode.WithOperator, (await ConversationAsync(Chat)).Mode);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Idle.ReturnIdleAsync();

        var returned = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.Bot, null), (returned.Mode, returned.AssignedUserId));
        var returnedEvent = Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.ReturnedWhenIdle);
        Assert.Equal("30", returnedEvent.EventDetail);
    }

    [Fact]
    public async Task A_customer_message_keeps_a_taken_over_conversation_from_counting_as_idle()
    {
        await TakenOverAsync();

        _app.Clock!.Advance(TimeSpan.FromMinutes(20));
        await SayAsync(Chat, "still thinking");
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        await Idle.ReturnIdleAsync();

        Assert.Equal(ConversationMode.WithOperator, (await ConversationAsync(Chat)).Mode);
    }
}
