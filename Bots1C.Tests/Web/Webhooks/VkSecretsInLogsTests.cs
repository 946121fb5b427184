using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>As <see cref="SecretsInLogsTests"/>, for a VK bot: check, register, a confirmation, a forged event, an event and a
/// reply, with logging at Trace, leave neither the community token nor the secret key in any log line.</summary>
public class VkSecretsInLogsTests : IAsyncLifetime
{
    private readonly WireMockServer _vk = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly Bots1CAppFactory _app;

    public VkSecretsInLogsTests()
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
        _vk.Stop();
        return Task.CompletedTask;
    }

    private void Answer(string method, string body) => _vk.Given(Request.Create().WithPath($"/method/{method}").UsingPost())
        .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task No_VK_token_or_secret_key_reaches_any_log_at_any_level()
    {
        Answer("groups.getById", """{"response":{"groups":[{"id":214167102,"name":"Shop"}]}}""");
        Answer("groups.getCallbackServers", """{"response":{"count":0,"items":[]}}""");
        Answer("groups.addCallbackServer", """{"response":{"server_id":4}}""");
        Answer("groups.setCallbackSettings", """{"response":1}""");
        Answer("groups.getCallbackConfirmationCode", """{"response":{"code":"f00dcafe"}}""");
        Answer("messages.send", """{"response":1850}""");
        var api = _app.CreateApiClient();
        var bot = await api.CreateBotAsync(new
        {
            name = "VK shop", messenger = "Vk", token = VkWebhookTests.Token, extraId = VkWebhookTests.Community,
            publicBaseUrl = "https://bot.example.ru", apiServerUrl = _vk.Url,
        });
        var id = bot.GetProperty("id").GetInt64();
        await api.PostAsync($"/api/v1/bots/{id}/check", null);
        await api.PostAsync($"/api/v1/bots/{id}/webhook", null);
        var secret = (await _app.StoredBotAsync(id)).WebhookSecret;

        var client = _app.CreateClient();
        async Task<HttpStatusCode> PostAsync(string fixture, string withSecret)
        {
            var body = Encoding.UTF8.GetString(MessagePath.Fixture("vk", fixture)).Replace("SECRET", withSecret);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{ApiClient.BotKeyOf(bot)}") { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return (await client.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await PostAsync("confirmation.json", secret));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("message_new_text.json", "a-wrong-secret"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("message_new_text.json", secret));
        await _app.ProcessedInboxAsync(1);
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/v1/messages", new { contactId = contact.Id, text = "Your invoice is paid" })).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(_vk.LogEntries.Count(e => e.RequestMessage.Path == "/method/messages.send")), n => n == 1, "the reply to reach VK");

        await using var db = await _app.Db();
        var stored = await db.Bots.AsNoTracking().SingleAsync();
        string[] secrets = [VkWebhookTests.Token, VkWebhookTests.Token["vk1.a.".Length..], secret, stored.ProtectedToken, ApiClient.Key];
        var leaks = _logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(_logs.Lines.Count > 50, $"only {_logs.Lines.Count} log lines were captured: is logging really at Trace?");
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {_logs.Lines.Count} log lines hold a secret, e.g.:\n{string.Join("\n", leaks.Take(5))}");
    }
}
