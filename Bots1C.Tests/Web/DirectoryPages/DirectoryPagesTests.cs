using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Owners;
using Bots1C.Tests.Web.MessengerScreen;
using Bots1C.Web.Features.Directory;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Bots1C.Tests.Web.DirectoryPages;

/// <summary>The directory's pages against the real app's services and its own SQLite file, signed in as a manager.</summary>
public class DirectoryPagesTests : MessengerAppContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string GoodInn = "7707083893";

    public DirectoryPagesTests()
    {
        foreach (var type in new[]
                 {
                     typeof(OwnerCatalog), typeof(OwnerHistory), typeof(ContactDirectory), typeof(ContactLinker), typeof(UserAdministration),
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

    private async Task<Owner> OwnerAsync(string name, string? inn = null, params string[] phones)
    {
        var change = await Service<OwnerCatalog>().CreateAsync(new OwnerInput(Owner.Counterparty, name, inn, null, phones, null, null, null, null));
        Assert.NotNull(change.Owner);
        return change.Owner!;
    }

    private async Task<long> ContactAsync(string firstName, string? phone = null)
    {
        var conversation = await DialogAsync(await BotAsync("Shop " + firstName), firstName, DateTimeOffset.UtcNow);
        if (phone is not null)
        {
            await using var db = await DbAsync();
            await db.Contacts.Where(c => c.Id == conversation.ContactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Phone, phone));
        }
        return conversation.ContactId;
    }

    [Fact]
    public async Task Saving_an_owner_with_a_wrong_INN_shows_the_INN_error_and_creates_nothing()
    {
        var page = (IRenderedComponent<IComponent>)(object)Render<OwnerCardPage>();
        page.WaitForElement("[data-testid=owner-save]", Wait);
        Fill(page, "owner-name-field", "ООО Ромашка");
        Fill(page, "owner-inn", "7707083894");

        page.Find("[data-testid=owner-save]").Click();

        var expected = Strings["OwnerError.InnInvalid"].Value;
        page.WaitForAssertion(() => Assert.Contains(expected, InnField(page).TextContent), Wait);
        Assert.Equal(0, (await Service<OwnerCatalog>().ListAsync(null, null, true, 0, 10)).Total);
    }

    /// <summary>The INN text field's whole control, where its error text shows.</summary>
    private static AngleSharp.Dom.IElement InnField(IRenderedComponent<IComponent> page)
    {
        var element = Field(page, "owner-inn");
        while (element.ParentElement is { } parent && !element.ClassList.Contains("mud-input-control"))
            element = parent;
        return element;
    }

    [Fact]
    public async Task Saving_a_new_owner_opens_its_card()
    {
        var page = (IRenderedComponent<IComponent>)(object)Render<OwnerCardPage>();
        page.WaitForElement("[data-testid=owner-save]", Wait);
        Fill(page, "owner-name-field", "ООО Ромашка");
        Fill(page, "owner-inn", GoodInn);
        Fill(page, "owner-phones", "8 (912) 345-67-89\n+7 912 000-00-00");

        page.Find("[data-testid=owner-save]").Click();

        page.WaitForAssertion(() => Assert.Matches(@"directory/owners/\d+$", Services.GetRequiredService<NavigationManager>().Uri), Wait);
        var saved = await Service<OwnerCatalog>().ListAsync(null, "Ромашка", false, 0, 10);
        Assert.Equal(GoodInn, Assert.Single(saved.Rows).Inn);
    }

    [Fact]
    public async Task The_list_search_finds_by_name_INN_and_phone()
    {
        await OwnerAsync("ООО Ромашка", GoodInn);
        await OwnerAsync("ИП Васильков", null, "+79123456789");
        await OwnerAsync("АО Лютик");
        var page = Render<OwnersPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=owner-name]").Count), Wait);

        List<string> Names() => page.FindAll("[data-testid=owner-name]").Select(n => n.TextContent.Trim()).ToList();
        void Search(string text) => page.Find("[data-testid=owner-search] input, input[data-testid=owner-search]").Input(text);

        Search(GoodInn);
        page.WaitForAssertion(() => Assert.Equal(["ООО Ромашка"], Names()), Wait);
        Search("8 912 345-67-89");
        page.WaitForAssertion(() => Assert.Equal(["ИП Васильков"], Names()), Wait);
        Search("Лютик");
        page.WaitForAssertion(() => Assert.Equal(["АО Лютик"], Names()), Wait);
        Search("нет такого");
        page.WaitForElement("[data-testid=owners-empty]", Wait);
    }

    [Fact]
    public async Task The_contact_card_links_the_contact_to_the_owner_chosen_in_the_picker()
    {
        var owner = await OwnerAsync("ООО Ромашка", GoodInn);
        await OwnerAsync("АО Лютик");
        var contactId = await ContactAsync("Olga");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<ContactCardPage>(1);
            b.AddAttribute(2, nameof(ContactCardPage.Id), contactId);
            b.CloseComponent();
        });
        host.WaitForElement("[data-testid=owner-picker]", Wait);

        host.Find("[data-testid=owner-picker] input, input[data-testid=owner-picker]").Input("Ромаш");
        host.WaitForAssertion(() => Assert.Contains(host.FindAll(".mud-list-item"), i => i.TextContent.Contains("ООО Ромашка")), Wait);
        host.FindAll(".mud-list-item").First(i => i.TextContent.Contains("ООО Ромашка")).Click();
        host.WaitForAssertion(() => Assert.False(host.Find("[data-testid=contact-link]").HasAttribute("disabled")), Wait);
        host.Find("[data-testid=contact-link]").Click();

        host.WaitForAssertion(() => Assert.Equal("ООО Ромашка", host.Find("[data-testid=contact-owner-link]").TextContent.Trim()), Wait);
        await using var db = await DbAsync();
        Assert.Equal(owner.Id, (await db.Contacts.SingleAsync(c => c.Id == contactId)).OwnerId);
        var change = await db.ContactLinkChanges.SingleAsync(c => c.ContactId == contactId);
        Assert.Equal("manager@example.ru", change.Actor);
        Assert.False(change.Automatic);
    }

    [Fact]
    public async Task Undoing_an_automatic_link_unlinks_the_contact()
    {
        var owner = await OwnerAsync("ООО Ромашка", GoodInn, "+79123456789");
        var contactId = await ContactAsync("Olga", "+79123456789");
        await using (var db = await DbAsync())
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
            Assert.Equal(LinkOutcome.Linked, await Service<ContactLinker>().TryAutoLinkAsync(db, contact, default));
            await db.SaveChangesAsync();
        }
        var page = Render<ContactCardPage>(p => p.Add(c => c.Id, contactId));
        page.WaitForAssertion(() => Assert.Equal("ООО Ромашка", page.Find("[data-testid=contact-owner-link]").TextContent.Trim()), Wait);

        page.Find("[data-testid=link-undo]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=contact-owner-link]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=link-undo]"));
        Assert.Contains(Strings["Contacts.Undone"].Value, page.Find("[data-testid=link-history]").TextContent);
        await using var check = await DbAsync();
        Assert.Null((await check.Contacts.SingleAsync(c => c.Id == contactId)).OwnerId);
        Assert.NotEqual(0, owner.Id);
    }
}
