using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Webhooks;

public class RestartTests
{
    /// <summary>
    /// A crash leaves two kinds of unfinished rows: never claimed, and claimed by the dead process (its lease
    /// still recorded). Both must be processed after the restart, once; finished rows must not run again.
    /// </summary>
    [Fact]
    public async Task Updates_committed_but_not_processed_before_a_stop_are_processed_once_after_restart()
    {
        using var folder = new TempFolder();
        long botId;
        using (var first = new Bots1CAppFactory(folder.Path).WithApiKey())
        {
            var bot = await first.CreateApiClient().CreateBotAsync(new
            {
                name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
            });
            botId = bot.GetProperty("id").GetInt64();
        }

        // What a process had committed when it died, written straight into its database file while no app runs.
        await using (var db = MessagePath.OpenStoppedDatabase(folder.Path))
        {
            var now = DateTimeOffset.UtcNow;
            var claimed = Row(botId, 2, "claimed by the dead process", now);
            claimed.LeaseOwner = "dead-process";
            claimed.LeaseUntil = now.AddSeconds(-1);
            db.Inbox.AddRange(Row(botId, 1, "never claimed", now), claimed);
            await db.SaveChangesAsync();
        }

        using (var second = new Bots1CAppFactory(folder.Path))
        {
            await second.ProcessedInboxAsync(2);
            Assert.Equal(["never claimed", "claimed by the dead process"], (await second.MessagesAsync()).Select(m => m.Text));
        }

        using var third = new Bots1CAppFactory(folder.Path);
        _ = third.Services;
        await Task.Delay(500);
        Assert.Equal(2, (await third.MessagesAsync()).Count);
    }

    private static InboxUpdate Row(long botId, int updateId, string text, DateTimeOffset at) => new()
    {
        BotId = botId,
        ExternalId = updateId.ToString(),
        ChatKey = "1111111",
        Payload = MessagePath.TelegramText(updateId, 1111111, text),
        ReceivedAt = at,
        State = InboxState.Pending,
    };

    [Fact]
    public async Task A_broken_update_is_set_aside_and_the_rest_of_its_batch_is_processed()
    {
        using var folder = new TempFolder();
        long botId;
        using (var first = new Bots1CAppFactory(folder.Path).WithApiKey())
            botId = (await first.CreateApiClient().CreateBotAsync(new { name = "Chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" }))
                .GetProperty("id").GetInt64();

        await using (var db = MessagePath.OpenStoppedDatabase(folder.Path))
        {
            var now = DateTimeOffset.UtcNow;
            db.Inbox.AddRange(
                new InboxUpdate { BotId = botId, ExternalId = "v1:broken", ChatKey = "v1", Payload = "not json"u8.ToArray(), ReceivedAt = now },
                new InboxUpdate
                {
                    BotId = botId, ExternalId = "v2:ok", ChatKey = "v2", ReceivedAt = now,
                    Payload = Bots1C.Domain.Channels.WebChat.WebChatAdapter.Serialize(new("v2", "ok", "Hello", null, null, now)),
                });
            await db.SaveChangesAsync();
        }

        using var app = new Bots1CAppFactory(folder.Path);
        var rows = await Eventually.GetAsync(app.InboxAsync, r => r.All(x => x.State != InboxState.Pending),
            "the good update to be processed and the broken one to be set aside");
        Assert.Equal("Hello", Assert.Single(await app.MessagesAsync()).Text);
        var broken = rows.Single(r => r.ExternalId == "v1:broken");
        // Unreadable bytes stay unreadable: kept with the reason, not retried.
        Assert.Equal((InboxState.Ignored, 0), (broken.State, broken.Attempts));
        Assert.False(string.IsNullOrEmpty(broken.Error));
    }
}
