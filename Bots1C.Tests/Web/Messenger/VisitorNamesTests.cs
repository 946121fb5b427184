using System.Globalization;
using System.Security.Claims;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Shared;
using Bots1C.Web.Features.Directory.Contacts;
using Bots1C.Web.Features.Messenger;
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
}
