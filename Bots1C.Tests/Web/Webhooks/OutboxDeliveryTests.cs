using Bots1C.Domain.Data;
using System.Net;
using System.Text.Json.Nodes;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// Replies leave through the outbox to a fake Telegram Bot API on loopback. Time is a fake clock: waits the
/// messenger asks for, and backoff, are checked by moving the clock, never by sleeping.
/// </summary>
public abstract class DeliveryTestBase : IAsyncLifetime
{
    protected const string Token = MessagePath.TelegramToken;
    protected readonly WireMockServer _telegram = WireMockServer.Start();
    protected readonly Bots1CAppFactory _app;
    protected HttpClient _api = default!;
    protected long _contactId;
    protected string _botKey = "", _secret = "";

    protected DeliveryTestBase(TimeSpan? messengerTimeout = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        try
        {
            _app = Bots1CAppFactory.On(database).WithApiKey().WithFakeClock();
        }
        catch
        {
            _telegram.Stop(); // skipped (no PostgreSQL configured) or failed: the fake must not outlive the test
            throw;
        }
        if (messengerTimeout is { } timeout)
            _app.WithServices(s => s.AddHttpClient(Bots1C.Domain.Channels.Telegram.TelegramAdapter.HttpClientName, c => c.Timeout = timeout));
    }

    protected const string Sent = """{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}""";

    public async Task InitializeAsync()
    {
        _api = _app.CreateApiClient();
        var bot = await _api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });
        _secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        _botKey = ApiClient.BotKeyOf(bot);
        await _app.CreateClient().PostTelegramAsync(_botKey, MessagePath.Fixture("telegram", "message_text.json"), _secret);
        await _app.ProcessedInboxAsync(1);
        _contactId = Assert.Single(await _app.ContactsAsync()).Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    protected void Answer(string method, int status, string body, string? scenarioState = null, string? nextState = null, TimeSpan? delay = null)
    {
        var given = _telegram.Given(Request.Create().WithPath($"/bot{Token}/{method}").UsingPost());
        if (nextState is not null || scenarioState is not null)
        {
            given = given.InScenario(method);
            if (scenarioState is not null)
                given = given.WhenStateIs(scenarioState);
            if (nextState is not null)
                given = given.WillSetStateTo(nextState);
        }
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        given.RespondWith(delay is { } d ? response.WithDelay(d) : response);
    }

    protected int Calls(string method) => _telegram.LogEntries.Count(e => e.RequestMessage.Path == $"/bot{Token}/{method}");

    protected async Task<long> SendAsync(object message)
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", message);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    [SkippableFact]
    public async Task Answering_a_press_does_not_use_up_the_chats_sending_slot()
    {
        Answer("answerCallbackQuery", 200, """{"ok":true,"result":true}""");
        Answer("sendMessage", 200, Sent);
        await _app.CreateClient().PostTelegramAsync(_botKey, MessagePath.Fixture("telegram", "callback_query_private.json"), _secret);
        await WaitForCallsAsync("answerCallbackQuery", 1);

        await SendAsync(new { contactId = _contactId, text = "Your invoice is paid" });

        var waited = await AdvanceUntilAsync(() => Calls("sendMessage") == 1, TimeSpan.FromSeconds(10));
        Assert.True(waited < TimeSpan.FromSeconds(1), $"the reply waited {waited} of clock time behind the press's answer");
    }

    protected Task<Message> StateAsync(long id, DeliveryState state) =>
        Eventually.GetAsync(async () => (await _app.MessagesAsync()).Single(m => m.Id == id), m => m.DeliveryState == state, $"message {id} to be {state}");

    /// <summary>
    /// Moves the fake clock forward in small steps until something happens, and says how much clock time that
    /// took. Small steps, because the dispatcher may arm its timer a moment after a step: one big jump could
    /// land before the timer exists and never fire it.
    /// </summary>
    protected async Task<TimeSpan> AdvanceUntilAsync(Func<bool> happened, TimeSpan max)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var advanced = TimeSpan.Zero;
        while (!happened())
        {
            Assert.True(advanced < max, $"nothing happened within {max} of clock time");
            _app.Clock!.Advance(step);
            advanced += step;
            await Task.Delay(30);
        }
        return advanced;
    }

    protected async Task WaitForCallsAsync(string method, int count) =>
        await Eventually.GetAsync(() => Task.FromResult(Calls(method)), n => n >= count, $"{count} call(s) of {method}");

}

public class OutboxDeliveryTests : DeliveryTestBase
{
    public OutboxDeliveryTests() { }

    /// <summary>The same on another engine (<see cref="OutboxDeliveryTestsOnPostgres"/>).</summary>
    protected OutboxDeliveryTests(DatabaseKind database) : base(database: database) { }

    [SkippableFact]
    public async Task A_reply_is_sent_with_the_chat_text_and_a_share_phone_keyboard()
    {
        Answer("sendMessage", 200, Sent);
        var id = await SendAsync(new
        {
            contactId = _contactId, text = "Share your phone, please",
            buttons = new[] { new { kind = "SharePhone", text = "Share phone" } },
        });

        var message = await StateAsync(id, DeliveryState.Sent);

        Assert.Equal("777", message.ExternalMessageId);
        var body = JsonNode.Parse(_telegram.LogEntries.Single().RequestMessage.Body!)!;
        Assert.Equal(1111111, body["chat_id"]!.GetValue<long>());
        Assert.Equal("Share your phone, please", body["text"]!.GetValue<string>());
        var button = body["reply_markup"]!["keyboard"]![0]![0]!;
        Assert.Equal("Share phone", button["text"]!.GetValue<string>());
        Assert.True(button["request_contact"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task A_429_is_waited_out_for_the_retry_after_the_messenger_gave()
    {
        Answer("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}""",
            nextState: "throttled");
        Answer("sendMessage", 200, Sent, scenarioState: "throttled");
        var id = await SendAsync(new { contactId = _contactId, text = "Hello" });
        await WaitForCallsAsync("sendMessage", 1);

        var waited = await AdvanceUntilAsync(() => Calls("sendMessage") == 2, TimeSpan.FromSeconds(20));

        Assert.InRange(waited, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(12));
        await StateAsync(id, DeliveryState.Sent);
    }

    [SkippableFact]
    public async Task A_message_that_must_wait_holds_back_the_ones_after_it_in_the_same_chat()
    {
        Answer("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}""",
            nextState: "throttled");
        Answer("sendMessage", 200, Sent, scenarioState: "throttled", nextState: "flowing");
        Answer("sendMessage", 200, Sent, scenarioState: "flowing");
        var first = await SendAsync(new { contactId = _contactId, text = "first" });
        await WaitForCallsAsync("sendMessage", 1);
        var second = await SendAsync(new { contactId = _contactId, text = "second" });

        await AdvanceUntilAsync(() => Calls("sendMessage") == 3, TimeSpan.FromSeconds(20));

        await StateAsync(second, DeliveryState.Sent);
        var texts = _telegram.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!["text"]!.GetValue<string>());
        Assert.Equal(["first", "first", "second"], texts);
    }

    [SkippableFact]
    public async Task Server_errors_are_retried_with_growing_waits()
    {
        Answer("sendMessage", 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""", nextState: "second");
        Answer("sendMessage", 502, """{"ok":false,"error_code":502,"description":"Bad Gateway"}""", scenarioState: "second", nextState: "third");
        Answer("sendMessage", 200, Sent, scenarioState: "third");
        var id = await SendAsync(new { contactId = _contactId, text = "Hello" });
        await WaitForCallsAsync("sendMessage", 1);

        var first = await AdvanceUntilAsync(() => Calls("sendMessage") == 2, TimeSpan.FromSeconds(20));
        var second = await AdvanceUntilAsync(() => Calls("sendMessage") == 3, TimeSpan.FromSeconds(30));

        Assert.InRange(first, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(6));   // 2 s ± 20%
        Assert.InRange(second, TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(9));  // 4 s ± 20%
        await StateAsync(id, DeliveryState.Sent);
    }

    [SkippableFact]
    public async Task Blocked_by_the_user_fails_the_message_and_marks_the_contact()
    {
        Answer("sendMessage", 403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""");
        var id = await SendAsync(new { contactId = _contactId, text = "Hello" });

        var message = await StateAsync(id, DeliveryState.Failed);

        Assert.Contains("blocked by the user", message.FailureReason);
        Assert.True(Assert.Single(await _app.ContactsAsync()).IsBlocked);
        Assert.Equal(1, Calls("sendMessage"));
    }

    [SkippableFact]
    public async Task Another_refusal_fails_the_message_with_the_messengers_reason_and_no_retry()
    {
        Answer("sendMessage", 400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");
        var id = await SendAsync(new { contactId = _contactId, text = "Hello" });

        var message = await StateAsync(id, DeliveryState.Failed);
        _app.Clock!.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(300);

        Assert.Contains("chat not found", message.FailureReason);
        Assert.Equal(1, Calls("sendMessage"));
    }

    [SkippableFact]
    public async Task Messages_to_one_chat_are_paced_one_a_second()
    {
        Answer("sendMessage", 200, Sent);
        var first = await SendAsync(new { contactId = _contactId, text = "one" });
        var second = await SendAsync(new { contactId = _contactId, text = "two" });
        await StateAsync(first, DeliveryState.Sent);

        var waited = await AdvanceUntilAsync(() => Calls("sendMessage") == 2, TimeSpan.FromSeconds(10));

        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
        await StateAsync(second, DeliveryState.Sent);
    }

    [SkippableFact]
    public async Task A_button_press_is_always_answered_so_the_client_stops_spinning()
    {
        Answer("answerCallbackQuery", 200, """{"ok":true,"result":true}""");
        var update = MessagePath.Fixture("telegram", "callback_query_with_message.json");
        var callbackId = JsonNode.Parse(update)!["callback_query"]!["id"]!.GetValue<string>();

        await _app.CreateClient().PostTelegramAsync(_botKey, update, _secret);

        await WaitForCallsAsync("answerCallbackQuery", 1);
        var body = JsonNode.Parse(_telegram.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("answerCallbackQuery")).RequestMessage.Body!)!;
        Assert.Equal(callbackId, body["callback_query_id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_file_from_the_api_is_uploaded_to_Telegram_with_its_name_and_caption()
    {
        Answer("sendDocument", 200, Sent);
        var content = System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 invoice 42");
        var id = await SendAsync(new
        {
            contactId = _contactId, text = "Invoice 42",
            file = new { name = "Счёт 42.pdf", mimeType = "application/pdf", contentBase64 = Convert.ToBase64String(content) },
        });

        var message = await StateAsync(id, DeliveryState.Sent);

        Assert.Equal((MessageKind.File, "Счёт 42.pdf"), (message.Kind, message.FileName));
        var parts = await Bots1C.Tests.Domain.Channels.ChannelKit.FormParts(_telegram.LogEntries.Single());
        var document = parts.Single(p => p.FileName is not null);
        Assert.Equal("Счёт 42.pdf", document.FileName);
        Assert.Equal(content, document.Content);
        Assert.Equal("Invoice 42", parts.Single(p => p.Name == "caption").Text);
    }

    [SkippableFact]
    public async Task A_file_that_is_not_base64_is_refused_naming_the_field()
    {
        var response = await _api.PostJsonAsync("/api/v1/messages", new
        {
            contactId = _contactId, file = new { name = "a.pdf", contentBase64 = "not base64!" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("file.contentBase64", out _));
    }
}

/// <summary>A messenger that does not answer within a second counts as timed out here (the app allows 30 s).</summary>
public class MessengerTimeoutTests() : DeliveryTestBase(messengerTimeout: TimeSpan.FromSeconds(1))
{
    [SkippableFact]
    public async Task A_timeout_is_retried()
    {
        Answer("sendMessage", 200, Sent, nextState: "answered-late", delay: TimeSpan.FromSeconds(3));
        Answer("sendMessage", 200, Sent, scenarioState: "answered-late");
        var id = await SendAsync(new { contactId = _contactId, text = "Hello" });
        await WaitForCallsAsync("sendMessage", 1);

        await AdvanceUntilAsync(() => Calls("sendMessage") == 2, TimeSpan.FromSeconds(30));

        var message = await StateAsync(id, DeliveryState.Sent);
        Assert.Equal("777", message.ExternalMessageId);
    }
}

[Trait("Database", "Postgres")]
public class OutboxDeliveryTestsOnPostgres() : OutboxDeliveryTests(DatabaseKind.Postgres);
