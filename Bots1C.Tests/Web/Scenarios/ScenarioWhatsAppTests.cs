using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Channels.WhatsApp;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// The main menu on WhatsApp end to end: signed webhooks into the real app, the scenario in the processor, replies to a fake
/// Graph API. The phone request is a reply button whose press shares the number WhatsApp gives for the sender.
/// </summary>
public class ScenarioWhatsAppTests : IAsyncLifetime
{
    private const string Customer = "16505551234";
    private static readonly string MessagesPath = $"/{WhatsAppAdapter.GraphVersion}/{WhatsAppWebhookTests.PhoneNumberId}/messages";
    private readonly WireMockServer _graph = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "";
    private long _botId, _menuId;
    private int _messageNo;

    public async Task InitializeAsync()
    {
        _graph.Given(Request.Create().WithPath(MessagesPath).UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody("""{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.OUT0001"}]}"""));
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "WhatsApp", token = WhatsAppWebhookTests.Token, extraId = WhatsAppWebhookTests.PhoneNumberId,
            appSecret = WhatsAppWebhookTests.AppSecret, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _graph.Url,
        });
        _botId = bot.GetProperty("id").GetInt64();
        _botKey = ApiClient.BotKeyOf(bot);

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
        _graph.Stop();
        return Task.CompletedTask;
    }

    /// <summary>Start → menu with "Prices" and "Share phone"; "Share phone" → Request phone → thanks → hand over.</summary>
    private static ScenarioDefinition MainMenu() => new()
    {
        Name = "Main menu",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step
            {
                Id = "m1", Kind = StepKind.Message, Text = "Hello, {{contact.firstName}}! Choose:",
                Buttons = [new StepButton { Id = "b1", Text = "Prices" }, new StepButton { Id = "b2", Text = "Share phone" }],
            },
            new Step { Id = "m2", Kind = StepKind.Message, Text = "Our prices start at 100 ₽." },
            new Step { Id = "p1", Kind = StepKind.RequestPhone, Text = "Press the button below." },
            new Step { Id = "m3", Kind = StepKind.Message, Text = "Thanks, we saved {{contact.phone}}." },
            new Step { Id = "h1", Kind = StepKind.HandOver, Text = "An operator will help you now." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b1"), To = "m2" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b2"), To = "p1" },
            new Transition { From = "p1", Outcome = StepOutcomes.Received, To = "m3" },
            new Transition { From = "p1", Outcome = StepOutcomes.Refused, To = "end" },
            new Transition { From = "m2", Outcome = StepOutcomes.Next, To = "end" },
            new Transition { From = "m3", Outcome = StepOutcomes.Next, To = "h1" },
        ],
    };

    private async Task PostAsync(string type, string content)
    {
        var body = Encoding.UTF8.GetBytes($$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
             "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "contacts":[{"profile":{"name":"Ivan"},"wa_id":"{{Customer}}"}],
             "messages":[{"from":"{{Customer}}","id":"wamid.IN{{++_messageNo}}","timestamp":"{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}","type":"{{type}}","{{type}}":{{content}} }]},
             "field":"messages"}]}]}
            """);
        var response = await WhatsAppWebhookTests.PostAsync(_app.CreateClient(), _botKey, body, WhatsAppWebhookTests.Signature(body));
        response.EnsureSuccessStatusCode();
    }

    private Task PressAsync(string id, string title) =>
        PostAsync("interactive", $$"""{"type":"button_reply","button_reply":{"id":"{{id}}","title":"{{title}}"} }""");

    private Task<List<JsonObject>> SentEventuallyAsync(int count) =>
        Eventually.GetAsync(() => Task.FromResult(_graph.LogEntries.Where(e => e.RequestMessage.Path == MessagesPath)
            .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject()).ToList()), s => s.Count >= count, $"{count} message(s) sent", 20);

    [Fact]
    public async Task Menu_press_phone_request_and_hand_over_run_on_WhatsApp()
    {
        await PostAsync("text", """{"body":"Menu"}""");

        var menu = (await SentEventuallyAsync(1))[0];
        Assert.Equal(("interactive", "Hello, Ivan! Choose:"), ((string?)menu["type"], (string?)menu["interactive"]!["body"]!["text"]));
        var buttons = menu["interactive"]!["action"]!["buttons"]!.AsArray();
        Assert.Equal([$"s{_menuId}:m1:b1", $"s{_menuId}:m1:b2"], buttons.Select(b => (string?)b!["reply"]!["id"]));

        await PressAsync($"s{_menuId}:m1:b2", "Share phone");
        var request = (await SentEventuallyAsync(2))[1];
        Assert.Equal("Press the button below.", (string?)request["interactive"]!["body"]!["text"]);
        var shareButton = Assert.Single(request["interactive"]!["action"]!["buttons"]!.AsArray());
        Assert.Equal("bots1c:share-phone", (string?)shareButton!["reply"]!["id"]);

        await PressAsync("bots1c:share-phone", (string)shareButton["reply"]!["title"]!);
        var replies = await SentEventuallyAsync(4);
        Assert.Equal(["Thanks, we saved +16505551234.", "An operator will help you now."], replies.Skip(2).Select(r => (string?)r["text"]!["body"]));

        Assert.Equal("+16505551234", Assert.Single(await _app.ContactsAsync()).Phone);
        await using var db = await _app.Db();
        Assert.Equal(ConversationMode.WaitingForOperator, (await db.Conversations.SingleAsync()).Mode);
    }
}
