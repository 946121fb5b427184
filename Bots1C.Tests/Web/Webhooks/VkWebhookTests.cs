using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>VK Callback API events through the real webhook: the secret key, the confirmation, "ok", and what is stored.</summary>
public class VkWebhookTests : IAsyncLifetime
{
    public const string Token = "vk1.a.kT3nBq9XyZ0aL4mNoPqRsTuVwXyZ_0123456789-abcdefGHIJKLmnopQRSTuvwxYZ";
    public const string Community = "214167102";
    private readonly WireMockServer _vk = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _client = default!;
    private string _botKey = "", _secret = "";
    private long _botId;

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "VK shop", messenger = "Vk", token = Token, extraId = Community, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = _vk.Url, confirmationCode = "a1b2c3d4",
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _botId = bot.GetProperty("id").GetInt64();
        _secret = (await _app.StoredBotAsync(_botId)).WebhookSecret;
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _vk.Stop();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string fixture, string? secret = null) =>
        PostAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(MessagePath.Fixture("vk", fixture)).Replace("SECRET", secret ?? _secret)));

    private Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{_botKey}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task An_event_with_the_secret_key_is_stored_and_answered_ok()
    {
        var response = await PostAsync("message_new_text.json");

        Assert.Equal((HttpStatusCode.OK, "ok"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        await _app.ProcessedInboxAsync(1);
        Assert.Equal("Здравствуйте! Где мой заказ?", Assert.Single(await _app.MessagesAsync()).Text);
        Assert.Equal("612444319", Assert.Single(await _app.ContactsAsync()).ExternalUserId);
    }

    [Fact]
    public async Task A_forged_or_missing_secret_is_refused_with_403_and_nothing_is_stored()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("message_new_text.json", secret: "another-bots-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(MessagePath.Fixture("vk", "message_new_chat.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("confirmation.json", secret: "another-bots-secret")).StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task The_confirmation_is_answered_with_the_communitys_string_and_not_stored()
    {
        var response = await PostAsync("confirmation.json");

        Assert.Equal((HttpStatusCode.OK, "a1b2c3d4"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task The_same_event_posted_twice_is_stored_once_and_both_are_answered_ok()
    {
        var first = await PostAsync("message_new_text.json");
        var second = await PostAsync("message_new_text.json");

        Assert.Equal(["ok", "ok"], [await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync()]);
        Assert.Single(await _app.ProcessedInboxAsync(1));
        Assert.Single(await _app.MessagesAsync());
    }

    [Fact]
    public async Task Denying_messages_blocks_the_contact_and_allowing_them_unblocks()
    {
        await PostAsync("message_new_text.json");
        await PostAsync("message_deny.json");
        await _app.ProcessedInboxAsync(2);
        Assert.True(Assert.Single(await _app.ContactsAsync()).IsBlocked);

        await PostAsync("message_allow.json");
        await _app.ProcessedInboxAsync(3);
        Assert.False(Assert.Single(await _app.ContactsAsync()).IsBlocked);
    }

    [Fact]
    public async Task A_group_chats_message_is_kept_but_makes_no_conversation()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(MessagePath.Fixture("vk", "message_new_chat.json"))
            .Replace("\"group_id\":214167102,", $"\"group_id\":214167102,\"secret\":\"{_secret}\","));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);

        Assert.Equal(InboxState.Processed, Assert.Single(await _app.ProcessedInboxAsync(1)).State);
        Assert.Empty(await _app.ContactsAsync());
    }

    [Fact]
    public async Task A_reply_goes_out_through_messages_send_and_the_read_report_marks_it_seen()
    {
        _vk.Given(Request.Create().WithPath("/method/messages.send").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"response":1850}"""));
        await PostAsync("message_new_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Заказ уже в пути." });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Sent, "the reply to be sent");
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(_vk.LogEntries.Single(e => e.RequestMessage.Path == "/method/messages.send").RequestMessage.Body);
        Assert.Equal(("612444319", "Заказ уже в пути."), (form["peer_id"].ToString(), form["message"].ToString()));

        await PostAsync("message_read.json");

        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Seen, "seen");
    }

    [Fact]
    public async Task A_read_report_for_a_message_we_never_sent_is_done_with_at_once()
    {
        await PostAsync("message_read.json");

        Assert.Equal(InboxState.Processed, Assert.Single(await _app.ProcessedInboxAsync(1)).State);
    }
}
