using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.FirstRun;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>The ready-made scenarios (the tour's demo bot, the bot card's offer) answer each visitor in their language,
/// whatever language the person who set the bot up reads: through the real web chat, its inbox and the runner.</summary>
public class StarterScenariosLanguageTests : IDisposable
{
    private const string RussianMenu = "Здравствуйте! Чем можем помочь? Выберите, что вас интересует:";
    private const string EnglishMenu = "Hello! How can we help? Choose what you need:";
    private readonly Bots1CAppFactory _app = new();
    private int _sent;

    public void Dispose() => _app.Dispose();

    private async Task<string> DemoBotKeyAsync(string tourCulture)
    {
        var outcome = await _app.Services.GetRequiredService<DemoSetup>()
            .EnsureAsync("http://localhost:5080/", "Demo", CultureInfo.GetCultureInfo(tourCulture), "admin@example.ru");
        Assert.Empty(outcome.Problems);
        return outcome.Bot!.BotKey;
    }

    /// <summary>A new visitor whose browser speaks <paramref name="language"/> writes; returns the bot's replies.</summary>
    private async Task<List<string?>> VisitorSaysAsync(string botKey, string language, string text)
    {
        var visitor = _app.CreateClient();
        var session = await visitor.PostAsJsonAsync($"/webchat/{botKey}/session", new { });
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var before = (await _app.MessagesAsync()).Where(x => x.Direction == MessageDirection.Outgoing).Select(x => x.Id).ToHashSet();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webchat/{botKey}/messages")
        {
            Content = JsonContent.Create(new { id = $"m-{++_sent}", text, language }),
        };
        request.Headers.Add("X-Visitor-Token", token);
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.SendAsync(request)).StatusCode);
        var stored = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count(x => x.Direction == MessageDirection.Incoming) == _sent,
            $"message {_sent} to be stored");
        // The bot's replies are stored in the same transaction as the visitor's message.
        return stored.Where(x => x.Direction == MessageDirection.Outgoing && !before.Contains(x.Id)).OrderBy(x => x.Id).Select(x => x.Text).ToList();
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task A_russian_and_an_english_visitor_of_the_same_demo_bot_each_get_the_main_menu_in_their_language(string tourCulture)
    {
        var botKey = await DemoBotKeyAsync(tourCulture);

        var russian = await VisitorSaysAsync(botKey, "ru-RU", "/start");
        var english = await VisitorSaysAsync(botKey, "en-GB", "/start");

        Assert.Equal([RussianMenu], russian);
        Assert.Equal([EnglishMenu], english);
    }

    [Fact]
    public async Task A_message_the_bot_does_not_understand_is_answered_in_the_visitors_language()
    {
        var botKey = await DemoBotKeyAsync("en-US");

        var russian = await VisitorSaysAsync(botKey, "ru", "абракадабра");
        var english = await VisitorSaysAsync(botKey, "en", "gibberish");

        Assert.Equal(["Извините, я не понял вас. Откройте главное меню или позовите оператора."], russian);
        Assert.Equal(["Sorry, I did not understand you. Open the main menu or call an operator."], english);
    }

    [Fact]
    public async Task A_visitor_of_a_third_language_gets_english()
    {
        var botKey = await DemoBotKeyAsync("ru-RU");

        Assert.Equal([EnglishMenu], await VisitorSaysAsync(botKey, "de-DE", "/start"));
    }
}
