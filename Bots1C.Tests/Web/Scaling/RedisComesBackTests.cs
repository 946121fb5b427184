using System.Collections.Concurrent;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Scaling;

/// <summary>Redis goes away under two running instances and comes back (a server of the test's own, stopped and
/// started again): meanwhile each works on its own; afterwards live updates flow again and a change made meanwhile is used.</summary>
public sealed class RedisComesBackTests : IAsyncLifetime
{
    private readonly OwnRedisServer _redis = new();
    private TwoInstances _apps = null!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _apps = await TwoInstances.StartAsync(a => a.WithApiKey(), redis: _redis.Connection);
    }

    public Task DisposeAsync()
    {
        _apps.Dispose();
        _redis.Dispose();
        return Task.CompletedTask;
    }

    [RedisFact]
    public async Task When_Redis_is_back_live_updates_resume_and_a_bot_changed_meanwhile_is_used()
    {
        var api = _apps.A.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru" });
        var id = bot.GetProperty("id").GetInt64();
        var (key, secret) = (ApiClient.BotKeyOf(bot), (await _apps.A.StoredBotAsync(id)).WebhookSecret);
        var cacheOnB = _apps.B.Services.GetRequiredService<BotCache>();
        Assert.Equal("Shop", (await cacheOnB.FindByIdAsync(id))!.Credentials.Name);
        var heardOnA = new ConcurrentQueue<ConversationEvent>();
        using var screen = _apps.A.Services.GetRequiredService<ConversationNotifier>().Subscribe(e =>
        {
            heardOnA.Enqueue(e);
            return Task.CompletedTask;
        });

        await _redis.StopAsync();
        (await _apps.B.CreateClient().PostTelegramAsync(key, MessagePath.TelegramText(1, 42, "while Redis is away"), secret)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(_apps.B.MessagesAsync, m => m.Any(x => x.Text == "while Redis is away"), "B to store the message on its own");
        var renamed = await api.PutJsonAsync($"/api/v1/bots/{id}", new { name = "Shop 2", messenger = "Telegram", publicBaseUrl = "https://bot.example.ru" });
        renamed.EnsureSuccessStatusCode();
        Assert.Equal("Degraded", await (await _apps.B.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync());

        await _redis.StartAsync();

        await Eventually.GetAsync(async () => (await cacheOnB.FindByIdAsync(id))!.Credentials.Name, n => n == "Shop 2", "B to use the renamed bot", seconds: 30);
        await Eventually.GetAsync(async () => await (await _apps.A.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync(), h => h == "Healthy",
            "A to reach Redis again", seconds: 30);
        (await _apps.B.CreateClient().PostTelegramAsync(key, MessagePath.TelegramText(2, 42, "Redis is back"), secret)).EnsureSuccessStatusCode();
        var stored = await Eventually.GetAsync(async () => (await _apps.B.MessagesAsync()).FirstOrDefault(m => m.Text == "Redis is back"), m => m is not null,
            "B to store the message");
        await Eventually.GetAsync(() => Task.FromResult(heardOnA.Count(e => e.MessageId == stored!.Id)), n => n == 1, "a screen on A to hear of it");
    }
}
