using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

public class WebChatEndpointTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";
    private HttpClient Visitor { get; set; } = default!;

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru/bots_unf",
            allowedOrigins = "https://shop.example.ru",
        });
        _botKey = ApiClient.BotKeyOf(bot);
        Visitor = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> NewTokenAsync(string? botKey = null)
    {
        var session = await Visitor.PostAsJsonAsync($"/webchat/{botKey ?? _botKey}/session", new { });
        return (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> PostAsync(string token, object message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{_botKey}/messages") { Content = JsonContent.Create(message) };
        request.Headers.Add("X-Visitor-Token", token);
        return Visitor.SendAsync(request);
    }

    private async Task<int> StoredMessagesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync();
    }

    [Fact]
    public async Task The_window_may_be_framed_only_by_the_bots_allowed_sites()
    {
        var response = await Visitor.GetAsync($"/webchat/{_botKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frame-ancestors 'self' https://shop.example.ru", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_visitor_message_is_stored_once_even_when_sent_twice()
    {
        var token = await NewTokenAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(token, new { id = "m-1", text = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(token, new { id = "m-1", text = "Hello" })).StatusCode);

        await Eventually.GetAsync(StoredMessagesAsync, n => n == 1, "the message to be stored");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Inbox.CountAsync());
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var response = await PostAsync("CfDJ8forged", new { id = "m-1", text = "Hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_another_bot_is_refused()
    {
        var other = await _app.CreateApiClient().CreateBotAsync(new { name = "Other chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" });
        var othersToken = await NewTokenAsync(ApiClient.BotKeyOf(other));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(othersToken, new { id = "m-1", text = "Hello" })).StatusCode);
    }

    [Fact]
    public async Task An_empty_message_is_refused_naming_the_field()
    {
        var response = await PostAsync(await NewTokenAsync(), new { id = "m-1", text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task A_disabled_or_unknown_chat_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor.GetAsync("/webchat/no-such-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor.PostAsJsonAsync("/webchat/no-such-key/session", new { })).StatusCode);
    }

    [Fact]
    public async Task The_same_token_keeps_the_same_visitor()
    {
        var token = await NewTokenAsync();
        var again = await Visitor.PostAsJsonAsync($"/webchat/{_botKey}/session", new { token });
        Assert.Equal(token, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    }
}
