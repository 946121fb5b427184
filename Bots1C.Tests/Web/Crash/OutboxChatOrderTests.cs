using System.Net;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Turns;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Crash;

/// <summary>
/// A reply a dead process had claimed (it may have been sending it when it died) holds back its chat's later replies
/// until it is released or its lease ends; other chats' replies go out meanwhile. Time is a fake clock.
/// </summary>
public sealed class OutboxChatOrderTests : IAsyncLifetime
{
    private const long ChatA = 1111111, ChatB = 2222222;
    private const string Sent = """{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}""";
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey().WithFakeClock();
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/sendMessage").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Sent));
        _api = _app.CreateApiClient();
        var bot = await _api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
            apiServerUrl = _telegram.Url,
        });
        var secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        var webhook = _app.CreateClient();
        await webhook.PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(1, ChatA, "hello"), secret);
        await webhook.PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(2, ChatB, "hello"), secret);
        await _app.ProcessedInboxAsync(2);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_chat_whose_older_reply_is_held_by_a_dead_process_gets_no_later_reply_while_other_chats_do()
    {
        await StageHeldReplyAsync(ChatA, "held", "dead-process");
        var later = await SendAsync(ChatA, "later");
        var other = await SendAsync(ChatB, "other chat");

        await Eventually.GetAsync(() => StateOfAsync(other), s => s == DeliveryState.Sent, "the other chat's reply to be sent");
        Assert.Equal(DeliveryState.Queued, await StateOfAsync(later));
        Assert.Empty(SentTo(ChatA));

        // The lease ends (nothing proved the counterparty gone): the held reply goes first, then the later one.
        var step = TimeSpan.FromMilliseconds(250);
        for (var moved = TimeSpan.Zero; SentTo(ChatA).Count < 2; moved += step)
        {
            Assert.True(moved < ConversationProcessor.Lease * 2, "chat A's replies were not sent after the lease ended");
            _app.Clock!.Advance(step);
            await Task.Delay(20);
        }
        Assert.Equal(["held", "later"], SentTo(ChatA));
    }

    /// <summary>A reply a process had claimed when it died, written into the running app's database.</summary>
    private async Task StageHeldReplyAsync(long chat, string text, string counterparty)
    {
        await using var db = await _app.Db();
        var conversation = await db.Conversations.SingleAsync(c => c.ChatId == chat.ToString());
        var now = _app.Clock!.GetUtcNow();
        Outbox.Stage(db, conversation, OutgoingContent.TextOnly(text), "test", now);
        var item = db.ChangeTracker.Entries<OutboxItem>().Single().Entity;
        item.LeaseOwner = counterparty;
        item.LeaseUntil = now + ConversationProcessor.Lease;
        await db.SaveChangesAsync();
    }

    private async Task<long> SendAsync(long chat, string text)
    {
        await using var db = await _app.Db();
        var contactId = (await db.Contacts.SingleAsync(c => c.ExternalUserId == chat.ToString())).Id;
        var response = await _api.PostJsonAsync("/api/v1/messages", new { contactId, text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private async Task<DeliveryState?> StateOfAsync(long messageId) =>
        (await _app.MessagesAsync()).Single(m => m.Id == messageId).DeliveryState;

    /// <summary>The texts of the sendMessage calls to a chat, in the order they arrived.</summary>
    private List<string> SentTo(long chat) => _telegram.LogEntries
        .Where(e => e.RequestMessage.Path.EndsWith("/sendMessage"))
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => System.Text.Json.JsonDocument.Parse(e.RequestMessage.Body!).RootElement)
        .Where(b => b.GetProperty("chat_id").GetRawText().Trim('"') == chat.ToString())
        .Select(b => b.GetProperty("text").GetString()!)
        .ToList();
}
