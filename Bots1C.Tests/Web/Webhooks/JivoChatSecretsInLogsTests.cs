using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// JivoChat's bot token is part of the address we post to (<c>/webhooks/{provider_id}/{token}</c>): with logging opened
/// all the way, neither a delivered reply nor a failed one may leave it in a log line, an event log entry or the reason
/// an operator sees.
/// </summary>
public class JivoChatSecretsInLogsTests : IAsyncLifetime
{
    private const string Token = "jivo-agreed-token-5f2c9a", DownToken = "jivo-token-of-a-bot-that-is-down";
    private readonly WireMockServer _jivo = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public JivoChatSecretsInLogsTests()
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
        _jivo.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Neither_a_sent_nor_a_failed_reply_leaves_the_token_in_any_log_or_reason()
    {
        _jivo.Given(Request.Create().WithPath($"/webhooks/p1/{Token}").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var api = _app.CreateApiClient();
        var up = await api.CreateBotAsync(new
        {
            name = "Jivo shop", messenger = "JivoChat", token = Token, extraId = "p1", publicBaseUrl = "https://bot.example.ru", apiServerUrl = _jivo.Url,
        });
        var down = await api.CreateBotAsync(new
        {
            name = "Jivo down", messenger = "JivoChat", token = DownToken, extraId = "p2", publicBaseUrl = "https://bot.example.ru",
            apiServerUrl = $"http://127.0.0.1:{ClosedPort()}",
        });
        foreach (var bot in new[] { up, down })
        {
            await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/check", null);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{ApiClient.BotKeyOf(bot)}")
            {
                Content = new ByteArrayContent(MessagePath.Fixture("jivochat", "client_message_text.json")),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().SendAsync(request)).StatusCode);
        }
        await _app.ProcessedInboxAsync(2);
        foreach (var contact in await _app.ContactsAsync())
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Your invoice is paid" })).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(_jivo.LogEntries.Count()), n => n >= 1, "the reply to reach JivoChat");
        await Eventually.GetAsync(OutboxAsync, items => items.Any(i => i.LastError is not null && i.BotId != up.GetProperty("id").GetInt64()),
            "the other bot's reply to fail");

        var reasons = (await OutboxAsync()).Select(i => i.LastError ?? "").ToList();
        await using (var db = await _app.Db())
            reasons.AddRange(await db.Events.Select(e => e.Message).ToListAsync());
        var leaks = _logs.Lines.Concat(reasons).Where(line => line.Contains(Token) || line.Contains(DownToken)).ToList();
        Assert.True(_logs.Lines.Count > 50, $"only {_logs.Lines.Count} log lines were captured: is logging really at Trace?");
        Assert.True(leaks.Count == 0, $"{leaks.Count} lines hold a JivoChat token, e.g.:\n{string.Join("\n", leaks.Take(5))}");
    }

    private async Task<List<OutboxItem>> OutboxAsync()
    {
        await using var db = await _app.Db();
        return await db.Outbox.AsNoTracking().ToListAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
