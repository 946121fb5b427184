using System.Net;
using System.Text;
using System.Text.Json;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Api;

public class BotsApiTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _api = default!;

    public Task InitializeAsync()
    {
        _api = _app.CreateApiClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private static object Telegram(string name = "Shop", string url = "https://bot.example.ru/Bots_UNF") =>
        new { name, messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = url };

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return (await response.ReadJsonAsync()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task A_created_bot_has_a_webhook_url_under_its_public_address_with_the_case_kept()
    {
        var response = await _api.PostJsonAsync("/api/v1/bots", Telegram());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bot = await response.ReadJsonAsync();
        Assert.StartsWith("https://bot.example.ru/Bots_UNF/webhooks/", bot.GetProperty("webhookUrl").GetString());
        Assert.Equal(32, ApiClient.BotKeyOf(bot).Length);
        Assert.Equal(response.Headers.Location!.OriginalString, $"/api/v1/bots/{bot.GetProperty("id").GetInt64()}");
    }

    [Fact]
    public async Task The_token_is_never_returned_and_is_stored_encrypted()
    {
        var bot = await _api.CreateBotAsync(Telegram());

        Assert.Equal("••••••••sawx", bot.GetProperty("token").GetString());
        Assert.DoesNotContain(MessagePath.TelegramToken, await (await _api.GetAsync("/api/v1/bots")).Content.ReadAsStringAsync());
        var stored = await _app.StoredBotAsync(bot.GetProperty("id").GetInt64());
        Assert.DoesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx", stored.ProtectedToken);
    }

    [Theory]
    [InlineData("12345:short", "https://bot.example.ru", "token")]
    [InlineData(MessagePath.TelegramToken, "http://bot.example.ru", "publicBaseUrl")]
    [InlineData(MessagePath.TelegramToken, "https://bot.example.ru:8080/x", "publicBaseUrl")]
    [InlineData(MessagePath.TelegramToken, "not a url", "publicBaseUrl")]
    [InlineData(MessagePath.TelegramToken, "https://bot.example.ru/x?y=1", "publicBaseUrl")]
    public async Task Invalid_fields_are_named_in_a_problem_document(string token, string url, string field)
    {
        var response = await _api.PostJsonAsync("/api/v1/bots", new { name = "Shop", messenger = "Telegram", token, publicBaseUrl = url });
        Assert.Equal([field], (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task Plain_http_is_allowed_for_localhost()
    {
        var response = await _api.PostJsonAsync("/api/v1/bots", Telegram(url: "http://localhost:80/bots"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Names_are_unique()
    {
        await _api.CreateBotAsync(Telegram());
        Assert.Contains("name", (await ErrorsAsync(await _api.PostJsonAsync("/api/v1/bots", Telegram()))).Keys);
    }

    [Fact]
    public async Task A_missing_messenger_is_named()
    {
        var response = await _api.PostJsonAsync("/api/v1/bots", new { name = "Shop", publicBaseUrl = "https://bot.example.ru" });
        Assert.Contains("messenger", (await ErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"name":"Shop","messenger":"Skype"}""")]
    public async Task An_unreadable_body_is_400_not_500(string body)
    {
        var response = await _api.PostAsync("/api/v1/bots", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Changing_a_bot_keeps_the_token_when_none_is_sent()
    {
        var bot = await _api.CreateBotAsync(Telegram());
        var id = bot.GetProperty("id").GetInt64();
        var before = (await _app.StoredBotAsync(id)).ProtectedToken;

        var response = await _api.PutJsonAsync($"/api/v1/bots/{id}", new { name = "Shop 2", messenger = "Telegram", publicBaseUrl = "https://bot.example.ru" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Shop 2", (await response.ReadJsonAsync()).GetProperty("name").GetString());
        Assert.Equal(before, (await _app.StoredBotAsync(id)).ProtectedToken);
    }

    [Fact]
    public async Task Deleting_marks_the_bot_for_deletion_and_keeps_its_history()
    {
        var id = (await _api.CreateBotAsync(Telegram())).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/v1/bots/{id}")).StatusCode);

        var bot = await (await _api.GetAsync($"/api/v1/bots/{id}")).ReadJsonAsync();
        Assert.Equal("MarkedForDeletion", bot.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/bots/999")]
    [InlineData("DELETE", "/api/v1/bots/999")]
    [InlineData("POST", "/api/v1/bots/999/check")]
    [InlineData("POST", "/api/v1/bots/999/webhook")]
    [InlineData("GET", "/api/v1/messages/999")]
    [InlineData("GET", "/api/v1/conversations/999/messages")]
    public async Task A_missing_thing_is_404(string method, string path)
    {
        var response = await _api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bot_changes_are_written_to_the_event_log_with_the_key_that_made_them()
    {
        await _api.CreateBotAsync(Telegram());
        await using var db = await _app.Db();
        var entry = await db.Events.SingleAsync(e => e.Code == "BotCreated");
        Assert.Equal(("Shop", "API key 'Bootstrap'"), (entry.Subject, entry.Actor));
    }
}
