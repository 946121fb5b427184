using System.Net;
using System.Text;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// Updates that pass the webhook's envelope check (an update id, valid JSON) but that Telegram's own format does not
/// allow. They are answered 200 (a refusal would make Telegram resend them for hours, holding up the bot's queue) and
/// must never vanish: each is kept as ignored, with the reason, and the event log says so.
/// </summary>
public class UnreadableUpdateTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _telegram = default!;
    private string _botKey = "", _secret = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
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

    private static string Message(string fields) =>
        "{\"update_id\":777,\"message\":{" + fields + "}}";

    private const string Chat = "\"chat\":{\"id\":42,\"type\":\"private\",\"first_name\":\"Ivan\"},\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ivan\"}";

    public static TheoryData<string, byte[]> Unreadable => new()
    {
        { "a message id beyond Telegram's range", Encoding.UTF8.GetBytes(Message($"\"message_id\":9223372036854775807,\"date\":1441645532,{Chat},\"text\":\"hi\"")) },
        { "numeric text", Encoding.UTF8.GetBytes(Message($"\"message_id\":1,\"date\":1441645532,{Chat},\"text\":12345")) },
        { "a negative date", Encoding.UTF8.GetBytes(Message($"\"message_id\":1,\"date\":-5,{Chat},\"text\":\"hi\"")) },
        { "a message without a chat", Encoding.UTF8.GetBytes(Message("\"message_id\":1,\"date\":1441645532,\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ivan\"},\"text\":\"hi\"")) },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_update_Telegram_could_not_have_sent_is_kept_as_ignored_with_the_reason_and_logged(string what, byte[] body)
    {
        Assert.Equal(HttpStatusCode.OK, (await _telegram.PostTelegramAsync(_botKey, body, _secret)).StatusCode);

        var row = Assert.Single(await Eventually.GetAsync(_app.InboxAsync, rows => rows.Count == 1 && rows[0].State != InboxState.Pending,
            $"the update with {what} to be looked at"));
        Assert.Equal(InboxState.Ignored, row.State);
        Assert.False(string.IsNullOrWhiteSpace(row.Error), $"no reason kept for {what}");
        Assert.Equal(0, row.Attempts); // it is not retried: the same bytes would fail the same way
        // The event is written after the batch that set the row's state commits, so it may come a moment later.
        var logged = await Eventually.GetAsync(async () =>
        {
            await using var db = await _app.Db();
            return await db.Events.AsNoTracking().Where(e => e.Code == "UpdateUnreadable").ToListAsync();
        }, events => events.Count > 0, $"the unreadable update with {what} to be logged");
        Assert.Contains(row.Error!, Assert.Single(logged).Message);
    }

    [Fact]
    public async Task A_body_that_is_not_valid_UTF8_is_refused_with_400_and_logged()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(Message($"\"message_id\":1,\"date\":1441645532,{Chat},\"text\":\"")), 0xC3, 0x28, .. "\"}}"u8];

        Assert.Equal(HttpStatusCode.BadRequest, (await _telegram.PostTelegramAsync(_botKey, body, _secret)).StatusCode);

        Assert.Empty(await _app.InboxAsync());
        await using var db = await _app.Db();
        Assert.Contains("UTF-8", (await db.Events.SingleAsync(e => e.Code == "WebhookMalformed")).Message);
    }

    [Fact]
    public async Task A_flood_of_unreadable_updates_writes_one_event_log_entry_a_minute()
    {
        for (var id = 1; id <= 30; id++)
            await _telegram.PostTelegramAsync(_botKey, Encoding.UTF8.GetBytes("{\"update_id\":" + id + ",\"message\":{\"message_id\":1,\"date\":1,\"text\":\"no chat\"}}"), _secret);

        var rows = await Eventually.GetAsync(_app.InboxAsync, r => r.Count == 30 && r.All(x => x.State != InboxState.Pending), "30 updates to be looked at");
        Assert.All(rows, r => Assert.Equal(InboxState.Ignored, r.State));
        await using var db = await _app.Db();
        Assert.Equal(1, await db.Events.CountAsync(e => e.Code == "UpdateUnreadable"));
    }
}
