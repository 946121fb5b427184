using Bots1C.Domain.Data;
using System.Net;
using System.Text;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>Real Telegram payloads through the real webhook endpoint into the real inbox (SQLite; PostgreSQL in
/// <see cref="TelegramWebhookTestsOnPostgres"/>) and on to stored messages.</summary>
public class TelegramWebhookTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app;

    public TelegramWebhookTests() : this(DatabaseKind.Sqlite) { }

    protected TelegramWebhookTests(DatabaseKind database) => _app = Bots1CAppFactory.On(database).WithApiKey();
    private HttpClient _telegram = default!;
    private string _botKey = "";
    private string _secret = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/Bots_UNF",
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        _telegram = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string fixture, string? secret = null) =>
        _telegram.PostTelegramAsync(_botKey, MessagePath.Fixture("telegram", fixture), secret ?? _secret);

    [SkippableFact]
    public async Task Get_answers_Status_Ready_without_sign_in()
    {
        var response = await _telegram.GetAsync($"/webhooks/{_botKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Status: Ready", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_text_message_is_stored_with_its_contact_and_conversation()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);

        await _app.ProcessedInboxAsync(1);
        var message = Assert.Single(await _app.MessagesAsync());
        Assert.Equal((MessageDirection.Incoming, MessageKind.Text, "/start", "1365"),
            (message.Direction, message.Kind, message.Text, message.ExternalMessageId));
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal(("1111111", "Test Firstname", "Test Lastname", "Testusername"),
            (contact.ExternalUserId, contact.FirstName, contact.LastName, contact.Username));
    }

    [SkippableTheory]
    [InlineData("message_document.json", MessageKind.File)]
    [InlineData("message_photo.json", MessageKind.File)]
    [InlineData("edited_message.json", MessageKind.Edited)]
    [InlineData("callback_query_private.json", MessageKind.ButtonPress)]
    [InlineData("message_contact_other.json", MessageKind.ContactShared)]
    public async Task Each_kind_of_update_is_stored_as_its_kind_of_message(string fixture, MessageKind kind)
    {
        await PostAsync(fixture);
        await _app.ProcessedInboxAsync(1);
        Assert.Equal(kind, Assert.Single(await _app.MessagesAsync()).Kind);
    }

    [SkippableFact]
    public async Task Updates_from_a_group_the_bot_was_added_to_are_not_recorded_as_conversations()
    {
        await PostAsync("callback_query_with_message.json"); // pressed under a message in a supergroup
        Assert.Equal(InboxState.Processed, Assert.Single(await _app.ProcessedInboxAsync(1)).State);
        Assert.Empty(await _app.ContactsAsync());
        Assert.Empty(await _app.MessagesAsync());
    }

    [SkippableFact]
    public async Task A_shared_own_phone_is_kept_on_the_contact()
    {
        await PostAsync("message_contact_own.json");
        await _app.ProcessedInboxAsync(1);
        Assert.False(string.IsNullOrEmpty(Assert.Single(await _app.ContactsAsync()).Phone));
    }

    [SkippableFact]
    public async Task Someone_elses_shared_phone_is_not_taken_as_the_contacts_own()
    {
        await PostAsync("message_contact_other.json");
        await _app.ProcessedInboxAsync(1);
        Assert.Null(Assert.Single(await _app.ContactsAsync()).Phone);
    }

    [SkippableFact]
    public async Task Blocking_and_unblocking_the_bot_mark_the_contact()
    {
        await PostAsync("my_chat_member_kicked.json");
        await _app.ProcessedInboxAsync(1);
        Assert.True(Assert.Single(await _app.ContactsAsync()).IsBlocked);

        await PostAsync("my_chat_member_member.json");
        await _app.ProcessedInboxAsync(2);
        Assert.False(Assert.Single(await _app.ContactsAsync()).IsBlocked);
    }

    [SkippableFact]
    public async Task An_unknown_kind_of_update_is_stored_as_a_service_event()
    {
        await PostAsync("inline_query.json");
        var row = Assert.Single(await _app.ProcessedInboxAsync(1));
        Assert.Equal(InboxState.Processed, row.State);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    public async Task A_missing_or_wrong_secret_is_refused_with_401_and_logged(string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{_botKey}") { Content = new ByteArrayContent(MessagePath.Fixture("telegram", "message_text.json")) };
        if (secret is not null)
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);

        var response = await _telegram.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.InboxAsync());
        await using var db = await _app.Db();
        Assert.True(await db.Events.AnyAsync(e => e.Code == "WebhookNotGenuine" && e.Subject == "Shop"));
    }

    [SkippableFact]
    public async Task Another_bots_secret_is_refused()
    {
        var other = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Other", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
        });
        var othersSecret = (await _app.StoredBotAsync(other.GetProperty("id").GetInt64())).WebhookSecret;

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("message_text.json", othersSecret)).StatusCode);
    }

    [SkippableFact]
    public async Task An_unknown_bot_key_is_404()
    {
        var response = await _telegram.PostTelegramAsync("not-a-bot-key", MessagePath.Fixture("telegram", "message_text.json"), _secret);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"message\":{}}")]
    public async Task A_body_that_is_not_an_update_is_400(string body)
    {
        var response = await _telegram.PostTelegramAsync(_botKey, Encoding.UTF8.GetBytes(body), _secret);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var huge = Encoding.UTF8.GetBytes("{\"update_id\":1,\"message\":{\"text\":\"" + new string('x', 1024 * 1024) + "\"}}");
        var response = await _telegram.PostTelegramAsync(_botKey, huge, _secret);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [SkippableFact]
    public async Task The_same_update_delivered_twice_is_stored_and_processed_once()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);

        Assert.Single(await _app.ProcessedInboxAsync(1));
        Assert.Single(await _app.MessagesAsync());
    }

    [SkippableFact]
    public async Task The_same_update_delivered_concurrently_is_stored_once()
    {
        var body = MessagePath.Fixture("telegram", "message_text.json");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _telegram.PostTelegramAsync(_botKey, body, _secret)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await _app.ProcessedInboxAsync(1));
        Assert.Single(await _app.MessagesAsync());
    }

    [SkippableFact]
    public async Task Updates_of_one_chat_are_stored_in_arrival_order()
    {
        for (var i = 1; i <= 30; i++)
            await _telegram.PostTelegramAsync(_botKey, MessagePath.TelegramText(5000 - i, 42, $"m{i}"), _secret);

        await _app.ProcessedInboxAsync(30);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"m{i}"), (await _app.MessagesAsync()).Select(m => m.Text));
    }

    [SkippableFact]
    public async Task A_disabled_bot_answers_200_and_keeps_the_update_unprocessed()
    {
        var api = _app.CreateApiClient();
        var bot = (await (await api.GetAsync("/api/v1/bots")).ReadJsonAsync())[0];
        await api.PutJsonAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}", new
        {
            name = "Shop", messenger = "Telegram", publicBaseUrl = "https://bot.example.ru/Bots_UNF", state = "Disabled",
        });

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message_text.json")).StatusCode);

        Assert.Equal(InboxState.Ignored, Assert.Single(await _app.InboxAsync()).State);
        Assert.Empty(await _app.MessagesAsync());
    }
}

[Trait("Database", "Postgres")]
public class TelegramWebhookTestsOnPostgres() : TelegramWebhookTests(DatabaseKind.Postgres);
