using System.Net;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>Viber callbacks through the real webhook: signatures, kinds, and delivery reports for our own messages.</summary>
public class ViberWebhookTests : IAsyncLifetime
{
    private readonly WireMockServer _viber = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _client = default!;
    private string _botKey = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Viber shop", messenger = "Viber", token = MessagePath.ViberToken, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = _viber.Url,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _viber.Stop();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string fixture, string? messageToken = null)
    {
        var body = MessagePath.Fixture("viber", fixture);
        if (messageToken is not null) // Viber's documented examples all reuse one token; real events each have their own
            body = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("4912661846655238145", messageToken));
        return _client.PostViberAsync(_botKey, body, MessagePath.ViberSignature(body));
    }

    [Fact]
    public async Task A_correctly_signed_message_is_stored()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);
        await _app.ProcessedInboxAsync(1);
        var message = Assert.Single(await _app.MessagesAsync());
        Assert.Equal("a message to the service", message.Text);
        Assert.Equal("01234567890A=", Assert.Single(await _app.ContactsAsync()).ExternalUserId);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_with_403()
    {
        var body = MessagePath.Fixture("viber", "message_text.json");
        var forged = MessagePath.ViberSignature(body, token: "another-bots-token-0000-0000");
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.PostViberAsync(_botKey, body, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.PostViberAsync(_botKey, body, null)).StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task A_timestamp_beyond_any_calendar_is_read_as_the_time_the_callback_arrived()
    {
        const string timestamp = "99999999999999999";
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(MessagePath.Fixture("viber", "message_text.json"))
            .Replace("1457764197627", timestamp));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostViberAsync(_botKey, body, MessagePath.ViberSignature(body))).StatusCode);

        await _app.ProcessedInboxAsync(1);
        var message = Assert.Single(await _app.MessagesAsync());
        Assert.Equal("a message to the service", message.Text);
        Assert.True(message.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5), $"stored as sent at {message.CreatedAt}");
    }

    [Fact]
    public async Task A_delivery_report_waiting_for_its_message_does_not_hold_up_the_customers_next_message()
    {
        // "delivered" for a message whose token is not saved yet (as after a crash between the send and its record):
        // the report is tried again for up to two minutes.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var report = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(MessagePath.Fixture("viber", "delivered.json"))
            .Replace("1457764197627", now));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostViberAsync(_botKey, report, MessagePath.ViberSignature(report))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json", messageToken: "5000000000000000001")).StatusCode);

        var message = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count == 1, "the customer's message to be recorded", seconds: 10);
        Assert.Equal("a message to the service", message[0].Text);
        Assert.Contains(await _app.InboxAsync(), r => r.ExternalId.StartsWith("delivered:") && r.State == InboxState.Pending);
    }

    [Fact]
    public async Task The_webhook_confirmation_is_answered_200()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("webhook.json")).StatusCode);
        Assert.Equal(InboxState.Processed, Assert.Single(await _app.ProcessedInboxAsync(1)).State);
    }

    [Fact]
    public async Task Unsubscribing_blocks_the_contact_and_subscribing_unblocks()
    {
        await PostAsync("subscribed.json");
        await _app.ProcessedInboxAsync(1);
        await PostAsync("unsubscribed.json", messageToken: "4912661846655238146");
        await _app.ProcessedInboxAsync(2);
        Assert.True(Assert.Single(await _app.ContactsAsync()).IsBlocked);
    }

    [Fact]
    public async Task Delivered_and_seen_reports_move_our_message_forward()
    {
        _viber.Given(Request.Create().WithPath("/pa/send_message").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"status":0,"status_message":"ok","message_token":4912661846655238145}"""));
        await PostAsync("message_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Thank you!" });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Sent, "the reply to be sent");

        await PostAsync("delivered.json");
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Delivered, "delivered");
        await PostAsync("seen.json");
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Seen, "seen");
    }

    [Fact]
    public async Task A_file_goes_to_Viber_as_a_signed_link_that_serves_the_same_bytes()
    {
        _viber.Given(Request.Create().WithPath("/pa/send_message").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"status":0,"status_message":"ok","message_token":5000000000000000001}"""));
        await PostAsync("message_text.json");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        var content = System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 act 7");

        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new
        {
            contactId = contact.Id, file = new { name = "act-7.pdf", mimeType = "application/pdf", contentBase64 = Convert.ToBase64String(content) },
        });
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Single(x => x.Id == id).DeliveryState == DeliveryState.Sent, "the file to be sent");

        var body = System.Text.Json.Nodes.JsonNode.Parse(_viber.LogEntries.Single(e => e.RequestMessage.Path == "/pa/send_message").RequestMessage.Body!)!;
        Assert.Equal("file", body["type"]!.GetValue<string>());
        var media = new Uri(body["media"]!.GetValue<string>());
        Assert.StartsWith("https://bot.example.ru/bots_unf/files/", media.ToString());
        // The public address is the proxy's; ask the app itself for the same path below its base.
        var download = await _client.GetAsync(media.AbsolutePath.Replace("/bots_unf", ""));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/files/forged-token")).StatusCode);
    }
}
