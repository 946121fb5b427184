using System.Net;
using Bots1C.Tests.Domain.Channels.Max;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>A MAX bot set up, checked, registered, written to and answered with logging at Trace leaves its token and
/// webhook secret in no log line (as <see cref="SecretsInLogsTests"/> holds for Telegram and Viber).</summary>
public class MaxSecretsInLogsTests : IAsyncLifetime
{
    private readonly WireMockServer _max = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public MaxSecretsInLogsTests() =>
        _app = new Bots1CAppFactory().WithApiKey().WithServices(s => s.AddLogging(logging =>
        {
            logging.AddProvider(_logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        }));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _app.Dispose();
        _max.Stop();
        return Task.CompletedTask;
    }

    private void Answer(string method, string path, string body) =>
        _max.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task No_MAX_token_or_secret_reaches_any_log_at_any_level()
    {
        Answer("GET", "/me", """{"user_id":1,"first_name":"Shop","username":"shop_bot","is_bot":true}""");
        Answer("POST", "/subscriptions", """{"success":true}""");
        Answer("GET", "/subscriptions", """{"subscriptions":[]}""");
        Answer("POST", "/messages", MaxApiFake.Sent("mid.1"));
        const string downToken = "DownDownDownDownDownDown_down-1234567890";
        var api = _app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "MAX shop", messenger = "Max", token = MaxApiFake.Token, publicBaseUrl = "https://bot.example.ru", apiServerUrl = _max.Url });
        var down = await api.CreateBotAsync(new { name = "Down", messenger = "Max", token = downToken, publicBaseUrl = "https://bot.example.ru", apiServerUrl = "http://127.0.0.1:1" });
        foreach (var id in new[] { bot.GetProperty("id").GetInt64(), down.GetProperty("id").GetInt64() })
        {
            await api.PostAsync($"/api/v1/bots/{id}/check", null);
            await api.PostAsync($"/api/v1/bots/{id}/webhook", null);
        }
        var secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        var client = _app.CreateClient();
        await MaxWebhookTests.PostMaxAsync(client, ApiClient.BotKeyOf(bot), MessagePath.Fixture("max", "message_created_text.json"), secret);
        await MaxWebhookTests.PostMaxAsync(client, ApiClient.BotKeyOf(bot), MessagePath.Fixture("max", "message_callback.json"), "a-wrong-secret");
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Your invoice is paid" })).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(_max.LogEntries.Count(e => e.RequestMessage.Path == "/messages")), n => n >= 1, "the reply to reach MAX");

        await using var db = await _app.Db();
        var stored = await db.Bots.AsNoTracking().Select(b => new { b.ProtectedToken, b.WebhookSecret }).ToListAsync();
        string[] secrets = [MaxApiFake.Token, downToken, .. stored.Select(b => b.ProtectedToken), .. stored.Select(b => b.WebhookSecret)];
        var leaks = _logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(_logs.Lines.Count > 50, $"only {_logs.Lines.Count} log lines were captured: is logging really at Trace?");
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {_logs.Lines.Count} log lines hold a secret, e.g.:\n{string.Join("\n", leaks.Take(5))}");
    }
}
