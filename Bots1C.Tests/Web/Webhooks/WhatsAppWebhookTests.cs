using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>WhatsApp Cloud API webhooks through the real app: the verification GET, signatures, batches, duplicates,
/// delivery reports for our own messages, and the app secret never shown back.</summary>
public class WhatsAppWebhookTests : IAsyncLifetime
{
    public const string Token = "EAAJB3ZCZAi7ZBwBAL0nZCQZC8ZBZBtestZCtokenZCforZCfakeZCgraph";
    public const string AppSecret = "9f2c4d7a1b3e5f60718293a4b5c6d7e8";
    public const string PhoneNumberId = "106540352242922";
    private readonly WireMockServer _graph = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _client = default!;
    private string _botKey = "", _verifyToken = "";
    private long _botId;

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "WhatsApp shop", messenger = "WhatsApp", token = Token, extraId = PhoneNumberId, appSecret = AppSecret,
            publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _graph.Url,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _botId = bot.GetProperty("id").GetInt64();
        _verifyToken = (await _app.StoredBotAsync(_botId)).WebhookSecret;
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _graph.Stop();
        return Task.CompletedTask;
    }

    private async Task<List<string>> RefusalsAsync()
    {
        await using var db = await _app.Db();
        return await db.Events.Where(e => e.BotId == _botId).Select(e => e.Code).ToListAsync();
    }

    public static string Signature(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string botKey, byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{botKey}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(string fixture)
    {
        var body = MessagePath.Fixture("whatsapp", fixture);
        return PostAsync(_client, _botKey, body, Signature(body));
    }

    [Fact]
    public async Task Metas_verification_GET_gets_the_challenge_back_as_plain_text()
    {
        var response = await _client.GetAsync($"/webhooks/{_botKey}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={_verifyToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_verification_GET_with_a_wrong_token_is_refused_with_403_and_logged()
    {
        var response = await _client.GetAsync($"/webhooks/{_botKey}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync());
        await Eventually.GetAsync(RefusalsAsync, codes => codes.Contains("WebhookNotGenuine"), "the refusal in the event log");
    }

    [Fact]
    public async Task A_browser_GET_still_reads_Status_Ready() =>
        Assert.Equal("Status: Ready", await _client.GetStringAsync($"/webhooks/{_botKey}"));

    [Fact]
    public async Task A_correctly_signed_message_is_stored_and_recorded_for_its_customer()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);

        await _app.ProcessedInboxAsync(1);
        Assert.Equal("Does it come in another color?", Assert.Single(await _app.MessagesAsync()).Text);
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal(("16505551234", "Sheena Nelson"), (contact.ExternalUserId, contact.FirstName));
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_with_403_nothing_stored_and_the_refusal_logged()
    {
        var body = MessagePath.Fixture("whatsapp", "message_text.json");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_client, _botKey, body, Signature(body, "another-apps-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_client, _botKey, body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_client, _botKey, body, "sha256=zz")).StatusCode);

        Assert.Empty(await _app.InboxAsync());
        await Eventually.GetAsync(RefusalsAsync, codes => codes.Contains("WebhookNotGenuine"), "the refusal in the event log");
    }

    [Fact]
    public async Task A_bot_saved_without_an_app_secret_refuses_every_webhook()
    {
        await using (var db = await _app.Db())
        {
            var bot = await db.Bots.SingleAsync(b => b.Id == _botId);
            bot.ProtectedAppSecret = null;
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<Bots1C.Domain.Bots.BotCache>().Invalidate();

        var body = MessagePath.Fixture("whatsapp", "message_text.json");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_client, _botKey, body, Signature(body, ""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_client, _botKey, body, Signature(body))).StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task The_same_webhook_posted_twice_is_stored_once()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);

        await _app.ProcessedInboxAsync(1);
        Assert.Single(await _app.InboxAsync());
        Assert.Single(await _app.MessagesAsync());
    }

    [Fact]
    public async Task A_batch_of_two_customers_gives_each_their_own_conversation()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("batch_two_customers.json")).StatusCode);

        var messages = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count == 2, "both customers' messages");
        Assert.Equal(["First", "Second"], messages.Select(m => m.Text));
        Assert.NotEqual(messages[0].ConversationId, messages[1].ConversationId);
        Assert.Equal(["16505551234", "16505559876"], (await _app.ContactsAsync()).Select(c => c.ExternalUserId));
    }

    [Fact]
    public async Task Status_webhooks_move_our_message_forward_and_a_window_refusal_reads_as_such()
    {
        _graph.Given(Request.Create().WithPath($"/{Bots1C.Domain.Channels.WhatsApp.WhatsAppAdapter.GraphVersion}/{PhoneNumberId}/messages").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.OURS0001"}]}"""));
        await PostAsync("message_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Thank you!" });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Sent, "the reply to be sent");
        var outgoing = System.Text.Json.Nodes.JsonNode.Parse(_graph.LogEntries.Single().RequestMessage.Body!)!;
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)outgoing["biz_opaque_callback_data"]);

        await PostAsync(_client, _botKey, Status("wamid.OURS0001", "delivered"), Signature(Status("wamid.OURS0001", "delivered")));
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Delivered, "delivered");
        await PostAsync(_client, _botKey, Status("wamid.OURS0001", "read"), Signature(Status("wamid.OURS0001", "read")));
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Seen, "seen");
    }

    [Fact]
    public async Task A_reply_WhatsApp_refuses_after_the_24_hour_window_fails_with_the_reason_operators_read()
    {
        _graph.Given(Request.Create().WithPath($"/{Bots1C.Domain.Channels.WhatsApp.WhatsAppAdapter.GraphVersion}/{PhoneNumberId}/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047,"error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},"fbtrace_id":"A"}}"""));
        await PostAsync("message_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Are you still there?" });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();

        var messages = await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Failed, "the reply to fail");
        Assert.StartsWith("WhatsApp allows replies only within 24 hours of the customer's last message", messages.Single(x => x.Id == id).FailureReason);
        Assert.False(Assert.Single(await _app.ContactsAsync()).IsBlocked);
    }

    [Fact]
    public async Task The_app_secret_is_never_returned_by_the_API()
    {
        var response = await _app.CreateApiClient().GetAsync($"/api/v1/bots/{_botId}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(AppSecret, text);
        Assert.DoesNotContain(Token, text);
        Assert.True((await response.ReadJsonAsync()).GetProperty("appSecretSet").GetBoolean());
    }

    private static byte[] Status(string wamid, string status) => Encoding.UTF8.GetBytes($$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
         "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
         "statuses":[{"id":"{{wamid}}","status":"{{status}}","timestamp":"{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}","recipient_id":"16505551234"}]},"field":"messages"}]}]}
        """);
}
