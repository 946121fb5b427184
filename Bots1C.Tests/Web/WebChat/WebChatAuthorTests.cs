using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>The chat window tells an operator's reply from the bot's: the message carries the operator's name.</summary>
public class WebChatAuthorTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "", _token = "";
    private HttpClient Visitor { get; set; } = default!;

    public async Task InitializeAsync()
    {
        (_, _botKey) = await WebChatSite.CreateBotAsync(_app,
            ScenarioBuilder.Named("Not matched").StartsWith("m").Message("m", "Sorry?").Then("end").End("end"), notMatched: true);
        Visitor = _app.CreateClient();
        _token = await WebChatSite.OpenSessionAsync(Visitor, _botKey);
        Visitor.DefaultRequestHeaders.Add("X-Visitor-Token", _token);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_operators_reply_reaches_the_window_with_the_operators_name_and_the_bots_with_none()
    {
        await Visitor.PostAsJsonAsync($"/webchat/{_botKey}/messages", new { id = "m-1", text = "hello" });
        var messages = await Eventually.GetAsync(_app.MessagesAsync, m => m.Any(x => x.Text == "Sorry?"), "the bot's answer");
        var user = await _app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var anna = new OperatorRef(user.Id, "Анна Смирнова");

        var sent = await _app.Services.GetRequiredService<ConversationControl>().SendAsync(messages[0].ConversationId, anna, "Здравствуйте!", null);
        Assert.True(sent.Succeeded);

        var window = await Visitor.GetFromJsonAsync<JsonElement>($"/webchat/{_botKey}/messages");
        var authors = window.EnumerateArray().ToDictionary(m => m.GetProperty("text").GetString()!,
            m => m.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null);
        Assert.Equal("Анна Смирнова", authors["Здравствуйте!"]);
        Assert.Null(authors["Sorry?"]);
        Assert.Null(authors["hello"]);
    }
}
