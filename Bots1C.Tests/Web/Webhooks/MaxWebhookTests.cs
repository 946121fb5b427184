using System.Net;
using System.Net.Http.Headers;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Max;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Domain.Channels.Max;
using Bots1C.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>MAX updates through the real webhook: the secret header, each kind, duplicates, and group chats kept apart.</summary>
public class MaxWebhookTests : IAsyncLifetime
{
    private readonly WireMockServer _max = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _client = default!;
    private string _botKey = "", _secret = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "MAX shop", messenger = "Max", token = MaxApiFake.Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _max.Url,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _max.Stop();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string fixture, string? secret = "") =>
        PostMaxAsync(_client, _botKey, MessagePath.Fixture("max", fixture), secret == "" ? _secret : secret);

    internal static Task<HttpResponseMessage> PostMaxAsync(HttpClient client, string botKey, byte[] body, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{botKey}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
            request.Headers.Add(MaxAdapter.SecretHeader, secret);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_message_with_the_bots_secret_is_stored_with_its_contact()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_created_text.json")).StatusCode);

        await _app.ProcessedInboxAsync(1);
        var message = Assert.Single(await _app.MessagesAsync());
        Assert.Equal((MessageDirection.Incoming, MessageKind.Text, "вапва", "mid.0000000008a53b9b019c44bd612d33e0"),
            (message.Direction, message.Kind, message.Text, message.ExternalMessageId));
        Assert.Equal(("10001", "User_Name"), Assert.Single(await _app.ContactsAsync()) is var c ? (c.ExternalUserId, c.FirstName) : default);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-forged-secret-of-somebody-else")]
    public async Task A_missing_or_forged_secret_is_refused_with_401_and_nothing_is_stored(string? secret)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("message_created_text.json", secret)).StatusCode);

        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task The_same_update_posted_twice_is_stored_once()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_callback.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_callback.json")).StatusCode);

        Assert.Single(await _app.InboxAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_a_MAX_update_is_refused_with_400()
    {
        var response = await PostMaxAsync(_client, _botKey, """{"hello":"world"}"""u8.ToArray(), _secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task A_group_chats_message_is_kept_but_makes_no_contact_or_conversation()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_created_group.json")).StatusCode);

        Assert.Equal(InboxState.Processed, Assert.Single(await _app.ProcessedInboxAsync(1)).State);
        Assert.Empty(await _app.ContactsAsync());
        Assert.Empty(await _app.MessagesAsync());
    }

    [Fact]
    public async Task Stopping_the_bot_blocks_the_contact_and_starting_it_unblocks()
    {
        await PostAsync("bot_stopped.json");
        await _app.ProcessedInboxAsync(1);
        Assert.True(Assert.Single(await _app.ContactsAsync()).IsBlocked);

        await PostAsync("bot_started.json");
        await _app.ProcessedInboxAsync(2);
        Assert.False(Assert.Single(await _app.ContactsAsync()).IsBlocked);
    }

    [Fact]
    public async Task The_senders_own_contact_gives_the_contact_its_phone_in_full_form()
    {
        await PostAsync("message_contact_own.json");

        await _app.ProcessedInboxAsync(1);
        Assert.Equal("+79161234567", Assert.Single(await _app.ContactsAsync()).Phone);
    }

    [Fact]
    public async Task Someone_elses_contact_does_not_become_the_senders_phone()
    {
        await PostAsync("message_contact_other.json");

        await _app.ProcessedInboxAsync(1);
        Assert.Null(Assert.Single(await _app.ContactsAsync()).Phone);
    }

    [Fact]
    public async Task A_reply_goes_to_the_customers_dialog_and_records_MAXs_message_id()
    {
        _max.Given(Request.Create().WithPath("/messages").UsingPost()).RespondWith(Response.Create().WithBody(MaxApiFake.Sent("mid.reply-1")));
        await PostAsync("message_created_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());

        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Спасибо!" });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();

        var reply = (await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Sent, "the reply to be sent"))
            .Single(x => x.Id == id);
        Assert.Equal("mid.reply-1", reply.ExternalMessageId);
        var request = Assert.Single(_max.LogEntries, e => e.RequestMessage.Path == "/messages").RequestMessage;
        Assert.Equal("10001", request.Query!["user_id"].Single());
        Assert.Equal(MaxApiFake.Token, request.Headers!["Authorization"].Single());
    }
}
