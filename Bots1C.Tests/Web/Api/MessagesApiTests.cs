using System.Net;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Api;

public class MessagesApiTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _api = default!;
    private long _contactId;

    public async Task InitializeAsync()
    {
        _api = _app.CreateApiClient();
        var bot = await _api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" });
        var secretless = _app.CreateClient();
        var session = await (await secretless.PostJsonAsync($"/webchat/{ApiClient.BotKeyOf(bot)}/session", new { })).ReadJsonAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{ApiClient.BotKeyOf(bot)}/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { id = "c1", text = "Hello" }),
        };
        post.Headers.Add("X-Visitor-Token", session.GetProperty("token").GetString());
        await secretless.SendAsync(post);
        await _app.ProcessedInboxAsync(1);
        _contactId = Assert.Single(await _app.ContactsAsync()).Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sending_answers_202_with_an_id_whose_state_can_be_followed()
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", new { contactId = _contactId, text = "Your invoice is ready" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
        var state = await Eventually.GetAsync(
            async () => (await (await _api.GetAsync($"/api/v1/messages/{id}")).ReadJsonAsync()).GetProperty("deliveryState").GetString(),
            s => s == "Sent", "the message to be sent");
        Assert.Equal("Sent", state);
    }

    [Fact]
    public async Task An_empty_text_is_refused_naming_the_field()
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", new { contactId = _contactId, text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task A_callback_button_payload_over_64_bytes_is_refused()
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", new
        {
            contactId = _contactId, text = "Choose",
            buttons = new[] { new { kind = "Callback", text = "Pay", payload = new string('я', 40) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_contact_is_404()
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", new { contactId = 999, text = "Hello" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Conversations_and_their_messages_are_listed_page_by_page()
    {
        for (var i = 0; i < 3; i++)
            await _api.PostJsonAsync("/api/v1/messages", new { contactId = _contactId, text = $"reply {i}" });

        var conversations = await (await _api.GetAsync($"/api/v1/conversations?contactId={_contactId}")).ReadJsonAsync();
        var conversation = conversations.GetProperty("items")[0];
        Assert.Equal(_contactId, conversation.GetProperty("contact").GetProperty("id").GetInt64());

        var page = await (await _api.GetAsync($"/api/v1/conversations/{conversation.GetProperty("id").GetInt64()}/messages?page=1&pageSize=2")).ReadJsonAsync();
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(["reply 2", "reply 1"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }
}
