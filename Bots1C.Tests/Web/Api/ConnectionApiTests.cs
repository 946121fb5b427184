using System.Text.Json.Nodes;
using Bots1C.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Api;

/// <summary>"Check now" and "Register webhook" against a fake Bot API: the outcome, the stored status, the request sent.</summary>
public class ConnectionApiTests : IAsyncLifetime
{
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _api = default!;
    private long _id;

    public async Task InitializeAsync()
    {
        _api = _app.CreateApiClient();
        _id = (await _api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/Bots_UNF",
            apiServerUrl = _telegram.Url,
        })).GetProperty("id").GetInt64();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    private void Answer(string method, int status, string body) =>
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/{method}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task An_accepted_token_shows_connection_established()
    {
        Answer("getMe", 200, """{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Shop","username":"shop_bot"}}""");

        var outcome = await (await _api.PostAsync($"/api/v1/bots/{_id}/check", null)).ReadJsonAsync();

        Assert.True(outcome.GetProperty("ok").GetBoolean());
        var status = (await (await _api.GetAsync($"/api/v1/bots/{_id}")).ReadJsonAsync()).GetProperty("status");
        Assert.Equal("Established", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_refused_token_shows_the_messengers_reason()
    {
        Answer("getMe", 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");

        var outcome = await (await _api.PostAsync($"/api/v1/bots/{_id}/check", null)).ReadJsonAsync();

        Assert.False(outcome.GetProperty("ok").GetBoolean());
        var status = (await (await _api.GetAsync($"/api/v1/bots/{_id}")).ReadJsonAsync()).GetProperty("status");
        Assert.Equal(("Failing", "Unauthorized"), (status.GetProperty("state").GetString(), status.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Registering_sends_the_webhook_url_and_the_bots_secret()
    {
        Answer("setWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was set"}""");

        var outcome = await (await _api.PostAsync($"/api/v1/bots/{_id}/webhook", null)).ReadJsonAsync();

        Assert.True(outcome.GetProperty("ok").GetBoolean());
        var bot = await _app.StoredBotAsync(_id);
        var body = JsonNode.Parse(_telegram.LogEntries.Single().RequestMessage.Body!)!;
        Assert.Equal(bot.WebhookUrl, body["url"]!.GetValue<string>());
        Assert.Equal(bot.WebhookSecret, body["secret_token"]!.GetValue<string>());
    }
}
