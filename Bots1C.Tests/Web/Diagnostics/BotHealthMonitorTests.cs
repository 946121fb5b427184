using Bots1C.Domain.Bots;
using Bots1C.Domain.Diagnostics;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary>The background check of active bots: status and webhook kept for the dashboard, changes (only) in the event log.</summary>
public class BotHealthMonitorTests : IAsyncLifetime
{
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private long _botId;

    public async Task InitializeAsync()
    {
        _botId = (await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = _telegram.Url,
        })).GetProperty("id").GetInt64();
        Answer("getMe", """{"ok":true,"result":{"id":7000000,"is_bot":true,"first_name":"Shop bot","username":"shop_bot"}}""");
        Answer("getWebhookInfo", """
            {"ok":true,"result":{"url":"https://bot.example.ru/bots_unf/webhooks/x","pending_update_count":4,
             "last_error_date":1767225600,"last_error_message":"Wrong response from the webhook: 502 Bad Gateway","max_connections":40}}
            """);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    private void Answer(string method, string body) =>
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/{method}").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task Repeated_checks_store_the_status_and_webhook_and_log_each_change_once()
    {
        var monitor = _app.Services.GetRequiredService<BotHealthMonitor>();

        await monitor.CheckAllAsync(CancellationToken.None);
        await monitor.CheckAllAsync(CancellationToken.None);

        var bot = await _app.StoredBotAsync(_botId);
        Assert.Equal((ConnectionStatus.Established, "@shop_bot"), (bot.Status, bot.StatusReason));
        await using var db = await _app.Db();
        var events = await db.Events.Where(e => e.Actor == BotHealthMonitor.Actor).OrderBy(e => e.Id).Select(e => new { e.Code, e.BotId }).ToListAsync();
        Assert.Equal(["ConnectionEstablished", "MessengerDeliveryError"], events.Select(e => e.Code));
        Assert.All(events, e => Assert.Equal(_botId, e.BotId));
        var webhook = await db.BotWebhookStatuses.SingleAsync();
        Assert.Equal((4, "Wrong response from the webhook: 502 Bad Gateway"), (webhook.PendingUpdates, webhook.LastErrorMessage));
    }
}
