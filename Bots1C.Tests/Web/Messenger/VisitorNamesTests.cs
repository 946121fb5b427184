using System.Globalization;
using System.Security.Claims;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Shared;
using Bots1C.Web.Features.Directory.Contacts;
using Bots1C.Web.Features.Messenger;
using Bots1C.Web.Features.Directory.Counterparties;
using Bots1C.Web.Features.PrintForms;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.PrintForms;
using Bots1C.Domain.Channels;
using Microsoft.EntityFrameworkCore;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.MessengerScreen;

/// <summary>A web-chat visitor the site did not name has only a random id: people read "Visitor 3f2a" instead.</summary>
public class VisitorNamesTests : MessengerAppContext
{
    private const string VisitorId = "v_3f2a8735d0c94b1e2a6f7c11";

    public VisitorNamesTests()
    {
        foreach (var type in new[]
                 {
                     typeof(Bots1C.Domain.Counterparties.CounterpartyCatalog), typeof(Bots1C.Domain.Counterparties.CounterpartyHistory),
                     typeof(Bots1C.Domain.Counterparties.ContactList), typeof(Bots1C.Domain.Counterparties.ContactLinker),
                     typeof(Bots1C.Domain.Accounts.UserAdministration), typeof(Bots1C.Domain.Bots.BotCatalog),
                     typeof(PrintDocuments), typeof(PrintFormTemplates), typeof(PrintFormRenderer), typeof(PrintFormSender),
                     typeof(PrintFormDeliveries),
                 })
            Services.AddSingleton(type, App.Services.GetRequiredService(type));
        var auth = AddAuthorization();
        auth.SetAuthorized("anna@example.ru");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "op-anna"));
        auth.SetRoles(Bots1C.Domain.Accounts.Roles.Administrator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<Conversation> NamelessVisitorAsync(string? typedPhone = null)
    {
        var bot = await BotAsync("Site chat");
        await using var db = await DbAsync();
        var now = DateTimeOffset.UtcNow;
        var contact = new Contact
        {
            BotId = bot, ExternalUserId = VisitorId, CreatedAt = now, UpdatedAt = now, Phone = typedPhone, PhoneTyped = typedPhone is not null,
        };
        var conversation = new Conversation { BotId = bot, Contact = contact, ChatId = VisitorId, CreatedAt = now, LastMessageAt = now, LastMessagePreview = "hi" };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation;
    }

    [Theory]
    [InlineData("en", "Visitor 3f2a")]
    [InlineData("ru", "Посетитель 3f2a")]
    public void A_nameless_visitor_reads_as_visitor_and_the_start_of_their_id_in_the_readers_language(string culture, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(expected, ContactNames.Readable(Strings, VisitorId));
            Assert.Equal("Иван Петров", ContactNames.Readable(Strings, "Иван Петров"));
            Assert.Equal("123456789", ContactNames.Readable(Strings, "123456789")); // a Telegram user without a name keeps their id
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task The_messenger_shows_a_nameless_visitor_by_the_readable_name_in_the_list_the_chat_header_and_the_contact_panel()
    {
        var visitor = await NamelessVisitorAsync();

        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, visitor.Id));

        page.WaitForAssertion(() => Assert.Equal("Visitor 3f2a", page.Find("[data-testid=chat-title]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("Visitor 3f2a", page.Find("[data-testid=dialog-name]").TextContent.Trim());
        Assert.Equal("Visitor 3f2a", page.Find("[data-testid=contact-name]").TextContent.Trim());
        Assert.DoesNotContain(VisitorId, page.Find("[data-testid=dialog-row]").TextContent);
    }

    [Fact]
    public async Task The_contact_panel_marks_a_typed_phone_as_typed_not_verified()
    {
        var visitor = await NamelessVisitorAsync(typedPhone: "+79123456789");

        var page = Render<MessengerPage>(p => p.Add(x => x.ConversationId, visitor.Id));

        page.WaitForAssertion(() => Assert.Equal("+79123456789 (typed, not verified)", page.Find("[data-testid=contact-phone]").TextContent.Trim()),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_contacts_page_shows_a_nameless_visitor_by_the_readable_name_and_marks_a_typed_phone()
    {
        await NamelessVisitorAsync(typedPhone: "+79123456789");

        var page = Render<ContactsPage>();

        page.WaitForAssertion(() => Assert.Equal("Visitor 3f2a", page.Find("[data-testid=contact-row-name]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("typed, not verified", page.Find("[data-testid=phone-typed]").TextContent.Trim(' ', '(', ')'));
    }

    /// <summary>The nameless visitor's contact is linked to a new counterparty, with one message in its history.</summary>
    private async Task<(Conversation Visitor, long Counterparty)> LinkedVisitorAsync()
    {
        var visitor = await NamelessVisitorAsync();
        await using var db = await DbAsync();
        var now = DateTimeOffset.UtcNow;
        var counterparty = new Counterparty { Name = "ООО Ромашка", SearchName = "ооо ромашка", CreatedAt = now, UpdatedAt = now };
        db.Counterparties.Add(counterparty);
        await db.SaveChangesAsync();
        await db.Contacts.Where(c => c.Id == visitor.ContactId).ExecuteUpdateAsync(c => c.SetProperty(x => x.CounterpartyId, counterparty.Id));
        await MessageAsync(visitor.Id, MessageDirection.Incoming, "Где мой заказ?");
        return (visitor, counterparty.Id);
    }

    [Fact]
    public async Task The_counterparty_card_shows_a_linked_visitor_by_the_readable_name_among_its_contacts_and_in_its_history()
    {
        var (_, counterparty) = await LinkedVisitorAsync();

        var page = Render<CounterpartyCardPage>(p => p.Add(x => x.Id, counterparty));

        page.WaitForAssertion(() => Assert.Contains("Visitor 3f2a", page.Find("[data-testid=counterparty-contact]").TextContent), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains("Visitor 3f2a", page.Find("[data-testid=history-item]").TextContent), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("v_3f2a", page.Markup);
    }

    [Fact]
    public async Task A_counterparty_made_from_a_visitor_starts_with_the_readable_name()
    {
        var visitor = await NamelessVisitorAsync();

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("contact", visitor.ContactId));
        var page = Render<CounterpartyCardPage>();

        page.WaitForAssertion(() => Assert.Equal("Visitor 3f2a",
            page.Find("[data-testid=counterparty-name-field] input, input[data-testid=counterparty-name-field]").GetAttribute("value")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_print_forms_page_shows_a_linked_visitor_by_the_readable_name_in_its_delivery_history()
    {
        var (visitor, counterparty) = await LinkedVisitorAsync();
        var sent = await MessageAsync(visitor.Id, MessageDirection.Outgoing, "Счёт", state: DeliveryState.Sent);
        await using (var db = await DbAsync())
        {
            db.PrintFormDeliveries.Add(new PrintFormDelivery
            {
                CounterpartyId = counterparty, ContactId = visitor.ContactId, FileName = "invoice.pdf", MessageId = sent.Id, Author = "Anna",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("counterparty", counterparty));
        var page = Render<PrintFormsPage>();
        page.WaitForAssertion(() => Assert.Contains("Visitor 3f2a", page.Find("[data-testid=pf-delivery]").TextContent), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("v_3f2a", page.Markup);
    }
}
