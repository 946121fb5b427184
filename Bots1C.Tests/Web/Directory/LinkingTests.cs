using Bots1C.Domain.Accounts;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>Automatic linking of contacts to counterparty records through the real message path: a Telegram contact share
/// (fake Bot API) or an e-mail a scenario collects.</summary>
public class LinkingTests : DirectoryTestBase
{
    private const long Chat = 4001;
    private const string EmailAsked = "Your e-mail, please?";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await InstallAsync(ScenarioBuilder.Named("E-mail").OnCommand("/email").StartsWith("e")
            .RequestEmail("e", EmailAsked).On(StepOutcomes.Received, "end").On(StepOutcomes.GaveUp, "end").End("end", "Got it."));
        await InstallAsync(ScenarioBuilder.Named("Set e-mail").OnCommand("/setmail").StartsWith("s")
            .CallMethod("s", "Contact.SetField", ("field", "email"), ("value", "  IVAN.Petrov@Example.RU "))
            .On(StepOutcomes.Ok, "end").On(StepOutcomes.Failed, "end").End("end", "Saved."));
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
    }

    [Theory]
    [InlineData("8 (912) 345-67-89", "79123456789")]
    [InlineData("+7 912 3456789", "+79123456789")]
    [InlineData("9123456789", "8-912-345-67-89")]
    public async Task Sharing_ones_own_phone_links_the_contact_to_the_only_counterparty_with_that_phone(string stored, string shared)
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", phones: ["+7 495 111-22-33", stored]);
        await CounterpartyAsync("ООО Лютик", phones: ["+7 495 111-22-44"]);

        await ShareContactAsync(Chat, shared);

        var contact = await ContactAsync(Chat);
        Assert.Equal(("+79123456789", counterparty.Id, false), (contact.Phone, contact.CounterpartyId, contact.NeedsPerson));
        Assert.Equal(["ContactLinkedAutomatically"], await DirectoryEventsAsync());
        await using var db = await _app.Db();
        var change = Assert.Single(await db.ContactLinkChanges.AsNoTracking().ToListAsync());
        Assert.Equal((contact.Id, (long?)null, (long?)counterparty.Id, true), (change.ContactId, change.PreviousCounterpartyId, change.NewCounterpartyId, change.Automatic));
        Assert.Contains("+79123456789", change.Reason);
    }

    [Fact]
    public async Task Two_counterparties_with_the_phone_leave_the_contact_unlinked_and_needing_a_person()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89"]);
        await CounterpartyAsync("ИП Петров", phones: ["+79123456789"], type: Bots1C.Domain.Counterparties.CounterpartyTypes.Partner);

        await ShareContactAsync(Chat, "+79123456789");

        var contact = await ContactAsync(Chat);
        Assert.Equal(("+79123456789", (long?)null, true), (contact.Phone, contact.CounterpartyId, contact.NeedsPerson));
        Assert.Equal(["ContactNeedsPerson"], await DirectoryEventsAsync());

        // Sharing again does not flag twice.
        await ShareContactAsync(Chat, "8 912 345 67 89");
        Assert.Equal(["ContactNeedsPerson"], await DirectoryEventsAsync());
    }

    [Fact]
    public async Task A_forwarded_contact_of_someone_else_never_links()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);

        await ShareContactAsync(Chat, "+79123456789", userId: 2222222);

        var contact = await ContactAsync(Chat);
        Assert.Equal((null, null, false), (contact.Phone, contact.CounterpartyId, contact.NeedsPerson));
        Assert.Empty(await DirectoryEventsAsync());
    }

    [Fact]
    public async Task A_contact_card_without_a_user_id_is_not_the_senders_own()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);

        await PostMessageAsync(Chat, $$"""
            "from":{"id":{{Chat}},"is_bot":false,"first_name":"Ivan"},
            "contact":{"phone_number":"+79123456789","first_name":"Ivan"}
            """);

        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
    }

    [Fact]
    public async Task An_email_given_to_a_scenario_links_case_insensitively()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", emails: ["ivan.petrov@example.ru"]);

        await SayAsync(Chat, "/email");
        await SentEventuallyAsync(Chat, EmailAsked);
        await SayAsync(Chat, " Ivan.Petrov@EXAMPLE.ru ");

        var contact = await ContactAsync(Chat);
        Assert.Equal(counterparty.Id, contact.CounterpartyId);
        Assert.Equal(["ContactLinkedAutomatically"], await DirectoryEventsAsync());
    }

    [Fact]
    public async Task An_email_set_by_Contact_SetField_links()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", emails: ["  Ivan.Petrov@example.ru"]);

        await SayAsync(Chat, "/setmail");

        Assert.Equal(counterparty.Id, (await ContactAsync(Chat)).CounterpartyId);
    }

    [Fact]
    public async Task Undoing_an_automatic_link_restores_no_counterparty()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);
        await ShareContactAsync(Chat, "+79123456789");
        long changeId;
        await using (var db = await _app.Db())
            changeId = (await db.ContactLinkChanges.SingleAsync()).Id;

        Assert.True(await Linker.UndoAsync(changeId, "maria@example.ru"));

        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
        Assert.Equal(["ContactLinkedAutomatically", "ContactLinkUndone"], await DirectoryEventsAsync());
        await using (var db = await _app.Db())
            Assert.NotNull((await db.ContactLinkChanges.SingleAsync()).UndoneAt);
        Assert.False(await Linker.UndoAsync(changeId, "maria@example.ru")); // once only
    }

    [Fact]
    public async Task An_undo_does_not_override_a_link_made_by_hand_since()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);
        var other = await CounterpartyAsync("ООО Лютик");
        await ShareContactAsync(Chat, "+79123456789");
        var contact = await ContactAsync(Chat);
        Assert.True(await Linker.LinkAsync(contact.Id, other.Id, "maria@example.ru"));
        long automatic;
        await using (var db = await _app.Db())
            automatic = (await db.ContactLinkChanges.SingleAsync(c => c.Automatic)).Id;

        Assert.False(await Linker.UndoAsync(automatic, "maria@example.ru"));
        Assert.Equal(other.Id, (await ContactAsync(Chat)).CounterpartyId);
    }

    [Fact]
    public async Task After_linking_a_hand_over_goes_to_the_counterparties_main_manager_when_online()
    {
        var maria = await OperatorAsync("maria", Roles.Manager);
        await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89"], managerUserId: maria.UserId);
        using var online = Presence.GoOnline(maria.UserId);
        await ShareContactAsync(Chat, "79123456789");

        await SayAsync(Chat, "/operator");

        await SentEventuallyAsync(Chat, HandOverText);
        var conversation = await ConversationAsync(Chat);
        Assert.Equal((ConversationMode.WithOperator, maria.UserId), (conversation.Mode, conversation.AssignedUserId));
        Assert.Single(await HistoryOfAsync(conversation.Id), m => m.Text == ConversationEventCodes.AssignedToMainManager);
    }

    [Fact]
    public async Task Archived_counterparties_never_match()
    {
        var archived = await CounterpartyAsync("ООО Старое", phones: ["+79123456789"]);
        Assert.True(await Catalog.SetArchivedAsync(archived.Id, true));

        await ShareContactAsync(Chat, "+79123456789");
        Assert.Equal((null, false), ((await ContactAsync(Chat)).CounterpartyId, (await ContactAsync(Chat)).NeedsPerson));

        // With an active counterparty next to the archived one, the active one is the only match.
        var active = await CounterpartyAsync("ООО Новое", phones: ["+79123456789"]);
        await ShareContactAsync(Chat + 1, "+79123456789");
        Assert.Equal(active.Id, (await ContactAsync(Chat + 1)).CounterpartyId);
    }

    [Fact]
    public async Task Sharing_the_same_phone_again_links_once_the_counterparty_exists()
    {
        await ShareContactAsync(Chat, "+79123456789");
        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
        var counterparty = await CounterpartyAsync("ООО Ромашка", phones: ["8 (912) 345-67-89"]);

        await ShareContactAsync(Chat, "+7 912 345-67-89");

        Assert.Equal(counterparty.Id, (await ContactAsync(Chat)).CounterpartyId);
    }

    [Fact]
    public async Task An_undone_link_is_not_made_again_by_the_same_phone()
    {
        await CounterpartyAsync("ООО Ромашка", phones: ["+79123456789"]);
        await ShareContactAsync(Chat, "+79123456789");
        await using (var db = await _app.Db())
            Assert.True(await Linker.UndoAsync((await db.ContactLinkChanges.SingleAsync()).Id, "maria@example.ru"));

        await ShareContactAsync(Chat, "+79123456789");

        Assert.Null((await ContactAsync(Chat)).CounterpartyId);
    }
}
