using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

public class WebChatEndpointTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";
    private HttpClient Visitor { get; set; } = default!;

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru/bots_unf",
            allowedOrigins = "https://shop.example.ru",
        });
        _botKey = ApiClient.BotKeyOf(bot);
        Visitor = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> NewTokenAsync(string? botKey = null)
    {
        var session = await Visitor.PostAsJsonAsync($"/webchat/{botKey ?? _botKey}/session", new { });
        return (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> PostAsync(string token, object message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{_botKey}/messages") { Content = JsonContent.Create(message) };
        request.Headers.Add("X-Visitor-Token", token);
        return Visitor.SendAsync(request);
    }

    private async Task<int> StoredMessagesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync();
    }

    [Fact]
    public async Task The_window_may_be_framed_only_by_the_bots_allowed_sites()
    {
        var response = await Visitor.GetAsync($"/webchat/{_botKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal("frame-ancestors 'self' https://shop.example.ru", policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("frame-ancestors")));
    }

    [Fact]
    public async Task A_visitor_message_is_stored_once_even_when_sent_twice()
    {
        var token = await NewTokenAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(token, new { id = "m-1", text = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(token, new { id = "m-1", text = "Hello" })).StatusCode);

        await Eventually.GetAsync(StoredMessagesAsync, n => n == 1, "the message to be stored");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Inbox.CountAsync());
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var response = await PostAsync("CfDJ8forged", new { id = "m-1", text = "Hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_another_bot_is_refused()
    {
        var other = await _app.CreateApiClient().CreateBotAsync(new { name = "Other chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" });
        var othersToken = await NewTokenAsync(ApiClient.BotKeyOf(other));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(othersToken, new { id = "m-1", text = "Hello" })).StatusCode);
    }

    [Fact]
    public async Task An_empty_message_is_refused_naming_the_field()
    {
        var response = await PostAsync(await NewTokenAsync(), new { id = "m-1", text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));
    }

    /// <summary>A visitor who has written once and got a bot message with buttons back.</summary>
    private async Task<string> VisitorOfferedButtonsAsync(params object[] buttons)
    {
        var token = await NewTokenAsync();
        await PostAsync(token, new { id = "m-1", text = "Hello" });
        await Eventually.GetAsync(StoredMessagesAsync, n => n == 1, "the visitor's message to be stored");
        var contact = Assert.Single(await _app.ContactsAsync());
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Choose", buttons });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        return token;
    }

    private static async Task<JsonElement> ErrorsOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task A_press_of_an_offered_button_is_stored_as_a_button_press_with_its_payload()
    {
        var token = await VisitorOfferedButtonsAsync(new { kind = "Callback", text = "Pay", payload = "pay:42" });

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(token, new { id = "m-2", text = "Pay", payload = "pay:42" })).StatusCode);

        var messages = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count == 3, "the press to be stored");
        var press = messages[^1];
        Assert.Equal(Bots1C.Domain.Conversations.MessageKind.ButtonPress, press.Kind);
        Assert.Equal("pay:42", press.ButtonData);
        Assert.Equal("Pay", press.Text);
    }

    [Fact]
    public async Task A_payload_over_64_bytes_is_refused_naming_the_field()
    {
        var response = await PostAsync(await NewTokenAsync(), new { id = "m-1", text = "Pay", payload = new string('я', 33) }); // 66 bytes
        Assert.True((await ErrorsOfAsync(response)).TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task A_press_needs_the_buttons_text_of_at_most_64_characters()
    {
        var token = await NewTokenAsync();
        Assert.True((await ErrorsOfAsync(await PostAsync(token, new { id = "m-1", text = new string('x', 65), payload = "p" }))).TryGetProperty("text", out _));
        Assert.True((await ErrorsOfAsync(await PostAsync(token, new { id = "m-2", text = " ", payload = "p" }))).TryGetProperty("text", out _));
        Assert.True((await ErrorsOfAsync(await PostAsync(token, new { id = "m-3", text = "Pay", payload = "" }))).TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task A_payload_the_bot_never_offered_is_refused()
    {
        var token = await VisitorOfferedButtonsAsync(new { kind = "Callback", text = "Pay", payload = "pay:42" });

        Assert.True((await ErrorsOfAsync(await PostAsync(token, new { id = "m-2", text = "Pay", payload = "pay:43" }))).TryGetProperty("payload", out _));
        Assert.True((await ErrorsOfAsync(await PostAsync(token, new { id = "m-3", text = "Refund", payload = "pay:42" }))).TryGetProperty("payload", out _));
        // Before the visitor has any conversation there is nothing to press.
        Assert.True((await ErrorsOfAsync(await PostAsync(await NewTokenAsync(), new { id = "m-1", text = "Pay", payload = "pay:42" }))).TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task A_payload_of_the_wrong_json_type_is_a_bad_request_not_a_crash()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{_botKey}/messages")
        {
            Content = new StringContent("""{"id":"m-1","text":"Pay","payload":42}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Visitor-Token", await NewTokenAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Visitor.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_history_carries_the_buttons_a_browser_can_use_and_only_http_links()
    {
        var token = await VisitorOfferedButtonsAsync(
            new { kind = "Callback", text = "Pay", payload = "pay:42" },
            new { kind = "Reply", text = "<b>Yes</b>", payload = (string?)null },
            new { kind = "SharePhone", text = "My phone", payload = (string?)null },
            new { kind = "OpenUrl", text = "Track", payload = "https://shop.example.ru/track?o=42" });
        // A link the API would refuse, as if written by some other path: it must not reach the window.
        await using (var db = await _app.Db())
        {
            var message = await db.Messages.SingleAsync(m => m.ButtonsJson != null);
            message.ButtonsJson = message.ButtonsJson!.Replace("https://shop.example.ru/track?o=42", "javascript:alert(1)");
            await db.SaveChangesAsync();
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"/webchat/{_botKey}/messages");
        request.Headers.Add("X-Visitor-Token", token);
        var history = await (await Visitor.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var buttons = history.EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "out").GetProperty("buttons");
        Assert.Equal(["callback:Pay:pay:42", "reply:<b>Yes</b>:"],
            buttons.EnumerateArray().Select(b => $"{b.GetProperty("kind")}:{b.GetProperty("text")}:{b.GetProperty("payload")}"));
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("buttons").ValueKind); // the visitor's own message has none
    }

    [Fact]
    public async Task An_http_link_button_reaches_the_window_as_a_link()
    {
        var token = await VisitorOfferedButtonsAsync(new { kind = "OpenUrl", text = "Track", payload = "https://shop.example.ru/track?o=42" });

        var request = new HttpRequestMessage(HttpMethod.Get, $"/webchat/{_botKey}/messages");
        request.Headers.Add("X-Visitor-Token", token);
        var history = await (await Visitor.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var link = Assert.Single(history[1].GetProperty("buttons").EnumerateArray());
        Assert.Equal("link", link.GetProperty("kind").GetString());
        Assert.Equal("https://shop.example.ru/track?o=42", link.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_disabled_or_unknown_chat_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor.GetAsync("/webchat/no-such-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor.PostAsJsonAsync("/webchat/no-such-key/session", new { })).StatusCode);
    }

    [Fact]
    public async Task The_same_token_keeps_the_same_visitor()
    {
        var token = await NewTokenAsync();
        var again = await Visitor.PostAsJsonAsync($"/webchat/{_botKey}/session", new { token });
        Assert.Equal(token, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    }
}
