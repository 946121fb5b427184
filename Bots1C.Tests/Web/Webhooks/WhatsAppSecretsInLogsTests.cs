using System.Net;
using Bots1C.Domain.Channels.WhatsApp;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>As <see cref="SecretsInLogsTests"/>, for a WhatsApp bot: its token, app secret and verify token reach no log line,
/// whatever the verification GET, the signed and forged webhooks, the check and the replies log.</summary>
public class WhatsAppSecretsInLogsTests : IAsyncLifetime
{
    private readonly WireMockServer _graph = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public WhatsAppSecretsInLogsTests()
    {
        _app = new Bots1CAppFactory().WithApiKey().WithServices(s => s.AddLogging(logging =>
        {
            logging.AddProvider(_logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        }));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _app.Dispose();
        _graph.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_WhatsApp_secret_reaches_any_log_at_any_level()
    {
        var version = WhatsAppAdapter.GraphVersion;
        _graph.Given(Request.Create().WithPath($"/{version}/{WhatsAppWebhookTests.PhoneNumberId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"verified_name":"Shop","display_phone_number":"+1 555","id":"1"}"""));
        _graph.Given(Request.Create().WithPath($"/{version}/{WhatsAppWebhookTests.PhoneNumberId}/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"fbtrace_id":"A"}}"""));
        var api = _app.CreateApiClient();
        var bot = await api.CreateBotAsync(new
        {
            name = "WhatsApp shop", messenger = "WhatsApp", token = WhatsAppWebhookTests.Token, extraId = WhatsAppWebhookTests.PhoneNumberId,
            appSecret = WhatsAppWebhookTests.AppSecret, publicBaseUrl = "https://bot.example.ru", apiServerUrl = _graph.Url,
        });
        var id = bot.GetProperty("id").GetInt64();
        var key = ApiClient.BotKeyOf(bot);
        await api.PostAsync($"/api/v1/bots/{id}/check", null);
        await api.PostAsync($"/api/v1/bots/{id}/webhook", null);
        var verifyToken = (await _app.StoredBotAsync(id)).WebhookSecret;

        var client = _app.CreateClient();
        await client.GetAsync($"/webhooks/{key}?hub.mode=subscribe&hub.challenge=1&hub.verify_token={verifyToken}");
        await client.GetAsync($"/webhooks/{key}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong");
        var body = MessagePath.Fixture("whatsapp", "message_text.json");
        await WhatsAppWebhookTests.PostAsync(client, key, body, WhatsAppWebhookTests.Signature(body));
        await WhatsAppWebhookTests.PostAsync(client, key, body, WhatsAppWebhookTests.Signature(body, "forged"));
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Paid" })).StatusCode);
        await Eventually.GetAsync(_app.MessagesAsync, m => m.Any(x => x.DeliveryState == Bots1C.Domain.Channels.DeliveryState.Failed), "the refused reply");

        await using var db = await _app.Db();
        var stored = await db.Bots.AsNoTracking().SingleAsync();
        string[] secrets = [WhatsAppWebhookTests.Token, WhatsAppWebhookTests.AppSecret, verifyToken, stored.ProtectedToken, stored.ProtectedAppSecret!];
        // Meta puts the verify token in the query of its GET, and ASP.NET Core's own request line (Information, off by default:
        // appsettings.json sets Microsoft.AspNetCore to Warning) prints queries. That line is the one known exception, for the
        // verify token only, whose sole power is to answer that GET; the app's own logs never carry it.
        bool Leaks(string line, string secret) => line.Contains(secret, StringComparison.Ordinal)
            && !(secret == verifyToken && line.Contains("Microsoft.AspNetCore.Hosting.Diagnostics:", StringComparison.Ordinal));
        var leaks = _logs.Lines.Where(line => secrets.Any(secret => Leaks(line, secret))).ToList();
        Assert.True(_logs.Lines.Count > 20, $"only {_logs.Lines.Count} log lines were captured: is logging really at Trace?");
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {_logs.Lines.Count} log lines hold a secret, e.g.:\n{string.Join("\n", leaks.Take(5))}");
    }
}
