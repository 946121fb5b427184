using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Scaling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bots1C.Tests.Web.Scaling;

/// <summary>An instance set up for Redis whose Redis is away (here: nothing listens on the port) keeps working on its
/// own, says so on /health as Degraded, and never writes the connection string's password anywhere.</summary>
public sealed class RedisUnreachableTests : IDisposable
{
    private const string Password = "never-in-a-log-7f3a";
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public RedisUnreachableTests()
    {
        _app = new Bots1CAppFactory()
            .With($"{RedisSettings.Section}:Connection", $"127.0.0.1:{FreePort()},password={Password},connectTimeout=500")
            .WithServices(s => s.AddLogging(l => l.AddProvider(_logs)));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Health_says_in_words_that_Redis_is_away_and_is_Degraded_not_Unhealthy()
    {
        var client = _app.CreateClient();

        var health = await client.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        var report = await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal((HealthStatus.Degraded, RedisHealthCheck.Unreachable), (report.Entries["redis"].Status, report.Entries["redis"].Description));
    }

    [Fact]
    public async Task Messages_are_still_processed_and_stored_and_screens_on_this_instance_hear_of_them()
    {
        var app = _app.WithApiKey();
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru",
        });
        var id = bot.GetProperty("id").GetInt64();
        var heard = new TaskCompletionSource<ConversationEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var screen = app.Services.GetRequiredService<ConversationNotifier>().Subscribe(e =>
        {
            if (e.Change == ConversationChange.MessageAdded)
                heard.TrySetResult(e);
            return Task.CompletedTask;
        });

        var response = await app.CreateClient().PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(1, 42, "hello"),
            (await app.StoredBotAsync(id)).WebhookSecret);

        response.EnsureSuccessStatusCode();
        await Eventually.GetAsync(app.MessagesAsync, m => m.Any(x => x.Text == "hello"), "the message to be stored");
        Assert.Equal(id, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(15))).BotId);
    }

    [Fact]
    public async Task The_password_in_the_connection_string_is_never_logged()
    {
        await _app.CreateClient().GetAsync("/health");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the link's first reconnect attempts

        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Password));
        Assert.Contains(_logs.Lines, l => l.Contains("Redis cannot be reached"));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
