using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Tests.Web.MessengerScreen;
using Bots1C.Web.Features.Directory;
using Bots1C.Web.Features.Directory.Contacts;
using Bots1C.Web.Features.Directory.Counterparties;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The directory's pages against the real app's services and its own SQLite file, signed in as a manager.</summary>
public class DirectoryPagesTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string GoodInn = "7707083893";

    public DirectoryPagesTests()
    {
        foreach (var type in new[]
                 {
                     typeof(CounterpartyCatalog), typeof(CounterpartyHistory), typeof(ContactList), typeof(ContactLinker), typeof(UserAdministration),
                     typeof(BotCatalog),
                 })
            Services.AddSingleton(type, App.Services.GetRequiredService(type));
        var auth = AddAuthorization();
        auth.SetAuthorized("manager@example.ru");
        auth.SetRoles(Roles.Manager);
    }

    private static void Fill(IRenderedComponent<IComponent> page, string testId, string value) =>
        Field(page, testId).Change(value);

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]");

    private async Task<Counterparty> CounterpartyAsync(string name, string? inn = null, params string[] phones)
    {
        var change = await Service<CounterpartyCatalog>().CreateAsync(new CounterpartyInput(CounterpartyTypes.Counterparty, name, inn, null, phones, null, null, null, null));
        Assert.NotNull(change.Counterparty);
        return change.Counterparty!;
    }

    private async Task<long> ContactAsync(string firstName, string? phone = null)
    {
        var conversation = await ConversationAsync(await BotAsync("Shop " + firstName), firstName, DateTimeOffset.UtcNow);
        if (phone is not null)
        {
            await using var db = await DbAsync();
            await db.Contacts.Where(c => c.Id == conversation.ContactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Phone, phone));
        }
        return conversation.ContactId;
    }

    [Fact]
    public async Task Saving_an_counterparty_with_a_wrong_INN_shows_the_INN_error_and_creates_nothing()
    {
        var page = (IRenderedComponent<IComponent>)(object)Render<CounterpartyCardPage>();
        page.WaitForElement("[data-testid=counterparty-save]", Wait);
        Fill(page, "counterparty-name-field", "ООО Ромашка");
        Fill(page, "counterparty-inn", "7707083894");

        page.Find("[data-testid=counterparty-save]").Click();

        var expected = Strings["CounterpartyError.InnInvalid"].Value;
        page.WaitForAssertion(() => Assert.Contains(expected, InnField(page).TextContent), Wait);
        Assert.Equal(0, (await Service<CounterpartyCatalog>().ListAsync(null, null, true, 0, 10)).Total);
    }

    /// <summary>The INN text field's whole control, where its error text shows.</summary>
    private static AngleSharp.Dom.IElement InnField(IRenderedComponent<IComponent> page)
    {
        var element = Field(page, "counterparty-inn");
        while (element.ParentElement is { } parent && !element.ClassList.Contains("mud-input-control"))
            element = parent;
        return element;
    }

    [Fact]
    public async Task Saving_a_new_counterparty_opens_its_card()
    {
        var page = (IRenderedComponent<IComponent>)(object)Render<CounterpartyCardPage>();
        page.WaitForElement("[data-testid=counterparty-save]", Wait);
        Fill(page, "counterparty-name-field", "ООО Ромашка");
        Fill(page, "counterparty-inn", GoodInn);
        Fill(page, "counterparty-phones", "8 (912) 345-67-89\n+7 912 000-00-00");

        page.Find("[data-testid=counterparty-save]").Click();

        page.WaitForAssertion(() => Assert.Matches(@"directory/owners/\d+$", Services.GetRequiredService<NavigationManager>().Uri), Wait);
        var saved = await Service<CounterpartyCatalog>().ListAsync(null, "Ромашка", false, 0, 10);
        Assert.Equal(GoodInn, Assert.Single(saved.Rows).Inn);
    }

    [Fact]
    public async Task The_list_search_finds_by_name_INN_and_phone()
    {
        await CounterpartyAsync("ООО Ромашка", GoodInn);
        await CounterpartyAsync("ИП Васильков", null, "+79123456789");
        await CounterpartyAsync("АО Лютик");
        var page = Render<CounterpartiesPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=counterparty-name]").Count), Wait);

        List<string> Names() => page.FindAll("[data-testid=counterparty-name]").Select(n => n.TextContent.Trim()).ToList();
        void Search(string text) => page.Find("[data-testid=counterparty-search] input, input[data-testid=counterparty-search]").Input(text);

        Search(GoodInn);
        page.WaitForAssertion(() => Assert.Equal(["ООО Ромашка"], Names()), Wait);
        Search("8 912 345-67-89");
        page.WaitForAssertion(() => Assert.Equal(["ИП Васильков"], Names()), Wait);
        Search("Лютик");
        page.WaitForAssertion(() => Assert.Equal(["АО Лютик"], Names()), Wait);
        Search("нет такого");
        page.WaitForElement("[data-testid=counterparties-empty]", Wait);
    }

    [Fact]
    public async Task The_contact_card_links_the_contact_to_the_counterparty_chosen_in_the_picker()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", GoodInn);
        await CounterpartyAsync("АО Лютик");
        var contactId = await ContactAsync("Olga");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<ContactCardPage>(1);
            b.AddAttribute(2, nameof(ContactCardPage.Id), contactId);
            b.CloseComponent();
        });
        host.WaitForElement("[data-testid=counterparty-picker]", Wait);

        host.Find("[data-testid=counterparty-picker] input, input[data-testid=counterparty-picker]").Input("Ромаш");
        host.WaitForAssertion(() => Assert.Contains(host.FindAll(".mud-list-item"), i => i.TextContent.Contains("ООО Ромашка")), Wait);
        host.FindAll(".mud-list-item").First(i => i.TextContent.Contains("ООО Ромашка")).Click();
        host.WaitForAssertion(() => Assert.False(host.Find("[data-testid=contact-link]").HasAttribute("disabled")), Wait);
        host.Find("[data-testid=contact-link]").Click();

        host.WaitForAssertion(() => Assert.Equal("ООО Ромашка", host.Find("[data-testid=contact-counterparty-link]").TextContent.Trim()), Wait);
        await using var db = await DbAsync();
        Assert.Equal(counterparty.Id, (await db.Contacts.SingleAsync(c => c.Id == contactId)).CounterpartyId);
        var change = await db.ContactLinkChanges.SingleAsync(c => c.ContactId == contactId);
        Assert.Equal("manager@example.ru", change.Actor);
        Assert.False(change.Automatic);
    }

    [Fact]
    public async Task Undoing_an_automatic_link_unlinks_the_contact()
    {
        var counterparty = await CounterpartyAsync("ООО Ромашка", GoodInn, "+79123456789");
        var contactId = await ContactAsync("Olga", "+79123456789");
        await using (var db = await DbAsync())
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
            Assert.Equal(LinkOutcome.Linked, await Service<ContactLinker>().TryAutoLinkAsync(db, contact, default));
            await db.SaveChangesAsync();
        }
        var page = Render<ContactCardPage>(p => p.Add(c => c.Id, contactId));
        page.WaitForAssertion(() => Assert.Equal("ООО Ромашка", page.Find("[data-testid=contact-counterparty-link]").TextContent.Trim()), Wait);

        page.Find("[data-testid=link-undo]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=contact-counterparty-link]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=link-undo]"));
        Assert.Contains(Strings["Contacts.Undone"].Value, page.Find("[data-testid=link-history]").TextContent);
        await using var check = await DbAsync();
        Assert.Null((await check.Contacts.SingleAsync(c => c.Id == contactId)).CounterpartyId);
        Assert.NotEqual(0, counterparty.Id);
    }
}
