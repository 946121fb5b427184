using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// A VK bot's main menu end to end: VK's events into the webhook, the scenario in the processor, messages.send calls to a
/// fake VK API on loopback. VK has no phone-request button, so the menu asks a choice question (reply keyboard) instead,
/// then hands the conversation over to the operators.
/// </summary>
public class ScenarioVkTests : IAsyncLifetime
{
    private const string User = "612444319";
    private readonly WireMockServer _vk = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "", _secret = "";
    private long _botId, _menuId;
    private int _event;

    public async Task InitializeAsync()
    {
        _vk.Given(Request.Create().WithPath("/method/messages.send").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"response":1900}"""));
        _vk.Given(Request.Create().WithPath("/method/messages.sendMessageEventAnswer").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"response":1}"""));
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "VK shop", messenger = "Vk", token = VkWebhookTests.Token, extraId = VkWebhookTests.Community,
            publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _vk.Url,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _botId = bot.GetProperty("id").GetInt64();
        _secret = (await _app.StoredBotAsync(_botId)).WebhookSecret;

        var saved = await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(MainMenu(), "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        _menuId = saved.Scenario!.Id;
        await using (var db = await _app.Db())
        {
            (await db.Bots.FirstAsync(b => b.Id == _botId)).MainMenuScenarioId = _menuId;
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _vk.Stop();
        return Task.CompletedTask;
    }

    private static ScenarioDefinition MainMenu() => new()
    {
        Name = "Main menu",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step
            {
                Id = "m1", Kind = StepKind.Message, Text = "Hello! Choose:",
                Buttons = [new StepButton { Id = "b1", Text = "Prices" }, new StepButton { Id = "b2", Text = "Order" }],
            },
            new Step { Id = "m2", Kind = StepKind.Message, Text = "Our prices start at 100 ₽." },
            new Step { Id = "q1", Kind = StepKind.Question, Text = "Delivery?", Variable = "delivery", AnswerType = AnswerType.Choice, Choices = ["Courier", "Pick-up"] },
            new Step { Id = "h1", Kind = StepKind.HandOver, Text = "{{vars.delivery}}: an operator will help." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b1"), To = "m2" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b2"), To = "q1" },
            new Transition { From = "q1", Outcome = StepOutcomes.Answered, To = "h1" },
            new Transition { From = "q1", Outcome = StepOutcomes.GaveUp, To = "h1" },
            new Transition { From = "m2", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    private async Task PostAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{_botKey}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await _app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private Task StartAsync() =>
        PostAsync(Encoding.UTF8.GetString(MessagePath.Fixture("vk", "message_new_start.json")).Replace("SECRET", _secret));

    private Task SayAsync(string text) => PostAsync($$$$"""
        {"type":"message_new","event_id":"say{{{{++_event}}}}","v":"5.199","group_id":214167102,"secret":"{{{{_secret}}}}",
         "object":{"message":{"date":1683278900,"from_id":{{{{User}}}},"id":{{{{2000 + _event}}}},"out":0,"attachments":[],"peer_id":{{{{User}}}},"text":"{{{{text}}}}"},
          "client_info":{"button_actions":["text","callback"],"keyboard":true,"inline_keyboard":true,"lang_id":3}}}
        """);

    private Task PressAsync(string data) => PostAsync($$$"""
        {"type":"message_event","event_id":"press{{{++_event}}}","v":"5.199","group_id":214167102,"secret":"{{{_secret}}}",
         "object":{"user_id":{{{User}}},"peer_id":{{{User}}},"event_id":"ev{{{_event}}}","payload":{"b":"{{{data}}}"},"conversation_message_id":3}}
        """);

    private List<Dictionary<string, string>> Calls(string method) => _vk.LogEntries
        .Where(e => e.RequestMessage.Path == $"/method/{method}")
        .Select(e => QueryHelpers.ParseQuery(e.RequestMessage.Body).ToDictionary(p => p.Key, p => p.Value.ToString()))
        .ToList();

    private Task<List<Dictionary<string, string>>> SentEventuallyAsync(int count) =>
        Eventually.GetAsync(() => Task.FromResult(Calls("messages.send")), s => s.Count >= count, $"{count} messages.send call(s)", 15);

    [Fact]
    public async Task The_start_button_opens_the_menu_as_an_inline_keyboard_of_callback_buttons()
    {
        await StartAsync();

        var menu = Assert.Single(await SentEventuallyAsync(1));
        Assert.Equal((User, "Hello! Choose:"), (menu["peer_id"], menu["message"]));
        var keyboard = JsonNode.Parse(menu["keyboard"])!;
        Assert.True((bool)keyboard["inline"]!);
        var first = keyboard["buttons"]![0]![0]!["action"]!;
        Assert.Equal(("callback", "Prices", $$"""{"b":"s{{_menuId}}:m1:b1"}"""), ((string?)first["type"], (string?)first["label"], (string?)first["payload"]));
    }

    [Fact]
    public async Task A_press_leads_on_is_answered_and_the_hand_over_leaves_the_conversation_waiting_for_an_operator()
    {
        await StartAsync();
        await SentEventuallyAsync(1);

        await PressAsync($"s{_menuId}:m1:b2");

        var question = (await SentEventuallyAsync(2))[1];
        Assert.Equal("Delivery?", question["message"]);
        var keyboard = JsonNode.Parse(question["keyboard"])!;
        Assert.Equal((false, true), ((bool)keyboard["inline"]!, (bool)keyboard["one_time"]!));
        Assert.Equal("Courier", (string?)keyboard["buttons"]![0]![0]!["action"]!["label"]);
        var answer = Assert.Single(await Eventually.GetAsync(() => Task.FromResult(Calls("messages.sendMessageEventAnswer")), c => c.Count == 1, "the press answered"));
        Assert.Equal(($"ev{_event}", User, User), (answer["event_id"], answer["user_id"], answer["peer_id"]));

        await SayAsync("Courier"); // the reply keyboard's button sends its label

        Assert.Equal("Courier: an operator will help.", (await SentEventuallyAsync(3))[2]["message"]);
        await using var db = await _app.Db();
        var conversation = await Eventually.GetAsync(() => db.Conversations.AsNoTracking().SingleAsync(), c => c.Mode == ConversationMode.WaitingForOperator,
            "the conversation to wait for an operator");
        Assert.Equal(User, conversation.ChatId);
    }
}
