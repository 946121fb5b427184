using System.Net;
using System.Net.Sockets;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// Every messenger conversation an administrator sets up, with the app's logging opened all the way (Trace, every
/// category), must leave no bot token, webhook secret, API key, password or encrypted token in any log line: people
/// paste logs into support tickets and ship them to log servers.
/// </summary>
public class SecretsInLogsTests : IAsyncLifetime
{
    private const string AdminPassword = "Adm1n-pa55word-in-settings";
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly WireMockServer _viber = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public SecretsInLogsTests()
    {
        _app = new Bots1CAppFactory().WithApiKey()
            .With("Bots1C:Bootstrap:AdminEmail", "admin@example.ru")
            .With("Bots1C:Bootstrap:AdminPassword", AdminPassword)
            .WithServices(s => s.AddLogging(logging =>
            {
                logging.AddProvider(_logs);
                logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
            }));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        _viber.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_secret_reaches_any_log_at_any_level()
    {
        AnswerTelegram();
        AnswerViber();
        var api = _app.CreateApiClient();

        var telegram = await api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = _telegram.Url,
        });
        var viber = await api.CreateBotAsync(new
        {
            name = "Viber shop", messenger = "Viber", token = MessagePath.ViberToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = _viber.Url,
        });
        // A bot whose messenger cannot be reached: connection errors are logged with their exceptions.
        var unreachable = await api.CreateBotAsync(new
        {
            name = "Down", messenger = "Telegram", token = DownToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = $"http://127.0.0.1:{ClosedPort()}",
        });
        foreach (var bot in new[] { telegram, viber, unreachable })
        {
            var id = bot.GetProperty("id").GetInt64();
            await api.PostAsync($"/api/v1/bots/{id}/check", null);
            await api.PostAsync($"/api/v1/bots/{id}/webhook", null);
        }

        var telegramSecret = (await _app.StoredBotAsync(telegram.GetProperty("id").GetInt64())).WebhookSecret;
        var client = _app.CreateClient();
        await client.PostTelegramAsync(ApiClient.BotKeyOf(telegram), MessagePath.Fixture("telegram", "message_text.json"), telegramSecret);
        var viberBody = MessagePath.Fixture("viber", "message_text.json");
        await client.PostViberAsync(ApiClient.BotKeyOf(viber), viberBody, MessagePath.ViberSignature(viberBody));
        await client.PostTelegramAsync(ApiClient.BotKeyOf(telegram), MessagePath.Fixture("telegram", "message_text.json"), "a-wrong-secret");
        await _app.ProcessedInboxAsync(2);
        foreach (var contact in await _app.ContactsAsync())
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Your invoice is paid" })).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(Sends()), n => n >= 2, "both replies to reach the messengers");

        var secrets = await SecretsAsync(telegramSecret);
        var leaks = _logs.Lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(_logs.Lines.Count > 50, $"only {_logs.Lines.Count} log lines were captured: is logging really at Trace?");
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {_logs.Lines.Count} log lines hold a secret, e.g.:\n{string.Join("\n", leaks.Take(5))}");
    }

    private const string DownToken = "987654321:AAFdowndowndowndowndowndowndowndown";

    private async Task<string[]> SecretsAsync(string telegramSecret)
    {
        await using var db = await _app.Db();
        var stored = await db.Bots.AsNoTracking().Select(b => new { b.ProtectedToken, b.WebhookSecret }).ToListAsync();
        return
        [
            MessagePath.TelegramToken, MessagePath.TelegramToken.Split(':')[1], MessagePath.ViberToken, DownToken.Split(':')[1],
            telegramSecret, ApiClient.Key, AdminPassword,
            .. stored.Select(b => b.ProtectedToken), .. stored.Select(b => b.WebhookSecret),
        ];
    }

    private int Sends() =>
        _telegram.LogEntries.Count(e => e.RequestMessage.Path.EndsWith("/sendMessage"))
        + _viber.LogEntries.Count(e => e.RequestMessage.Path == "/pa/send_message");

    private void AnswerTelegram()
    {
        void Answer(string method, string result) => _telegram
            .Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/{method}").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"ok":true,"result":{{result}}}"""));
        Answer("getMe", """{"id":123456789,"is_bot":true,"first_name":"Shop","username":"shop_bot"}""");
        Answer("setWebhook", "true");
        Answer("getWebhookInfo", """{"url":"https://bot.example.ru/webhooks/x","has_custom_certificate":false,"pending_update_count":0}""");
        Answer("sendMessage", """{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}""");
    }

    private void AnswerViber()
    {
        void Answer(string path, string body) => _viber
            .Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
        Answer("/pa/get_account_info", """{"status":0,"status_message":"ok","id":"pa:1","name":"Viber shop"}""");
        Answer("/pa/set_webhook", """{"status":0,"status_message":"ok","event_types":["delivered"]}""");
        Answer("/pa/send_message", """{"status":0,"status_message":"ok","message_token":5741311803571721087}""");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
