using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>The web chat cannot share a contact: its phone step takes a typed number, stores it as the contact's phone
/// (marked typed, not verified) and links the contact to its counterparty as a shared one would.</summary>
public class WebChatTypedPhoneTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";
    private string _token = "";
    private int _sent;
    private HttpClient Visitor { get; set; } = default!;

    public async Task InitializeAsync()
    {
        (_, _botKey) = await WebChatSite.CreateBotAsync(_app, ScenarioBuilder.Named("Phone").OnCommand("/phone").StartsWith("p")
            .RequestPhone("p", "Ваш телефон?").On("received", "thanks").On("refused", "sad")
            .Message("thanks", "Спасибо, {{contact.phone}}").Then("end").Message("sad", "Без телефона").Then("end").End("end"));
        await using (var db = await _app.Db())
        {
            db.Counterparties.Add(new Counterparty { Name = "ООО Ромашка", Phones = [new CounterpartyPhone { Number = "+79123456789" }], CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        Visitor = _app.CreateClient();
        Visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        _token = await WebChatSite.OpenSessionAsync(Visitor, _botKey);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The visitor writes; returns the bot's replies to it once they are stored.</summary>
    private async Task<List<string?>> SayAsync(string text)
    {
        var before = (await _app.MessagesAsync()).Where(x => x.Direction == MessageDirection.Outgoing).Select(x => x.Id).ToHashSet();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{_botKey}/messages")
        {
            Content = JsonContent.Create(new { id = $"m-{++_sent}", text }),
        };
        request.Headers.Add("X-Visitor-Token", _token);
        Assert.Equal(HttpStatusCode.Accepted, (await Visitor.SendAsync(request)).StatusCode);
        var incoming = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count(x => x.Direction == MessageDirection.Incoming) == _sent,
            $"message {_sent} to be stored");
        // The bot's replies are stored in the same transaction as the visitor's message.
        return incoming.Where(x => x.Direction == MessageDirection.Outgoing && !before.Contains(x.Id)).OrderBy(x => x.Id).Select(x => x.Text).ToList();
    }

    private async Task<Contact> ContactAsync()
    {
        await using var db = await _app.Db();
        return await db.Contacts.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task The_phone_step_asks_the_visitor_to_type_the_number_and_a_typed_number_is_stored_linked_and_marked_typed()
    {
        var asked = await SayAsync("/phone");
        Assert.Equal(["Ваш телефон?\nНапишите, пожалуйста, номер телефона, например +7 912 345-67-89."], asked);

        var answered = await SayAsync("8 (912) 345-67-89");

        Assert.Equal(["Спасибо, +79123456789"], answered);
        var contact = await ContactAsync();
        Assert.Equal(("+79123456789", true), (contact.Phone, contact.PhoneTyped));
        await using var db = await _app.Db();
        Assert.Equal(await db.Counterparties.Select(c => (long?)c.Id).SingleAsync(), contact.CounterpartyId);
    }

    [Fact]
    public async Task An_invalid_number_is_answered_in_the_visitors_language_and_asked_again_with_nothing_stored()
    {
        await SayAsync("/phone");

        var answered = await SayAsync("позвоните мне");

        Assert.Equal(["Это не похоже на номер телефона. Напишите его с кодом страны, например +7 912 345-67-89."], answered);
        var contact = await ContactAsync();
        Assert.Equal(((string?)null, false, (long?)null), (contact.Phone, contact.PhoneTyped, contact.CounterpartyId));
        Assert.Equal(["Спасибо, +79123456789"], await SayAsync("+7 912 345 67 89"));
    }
}
