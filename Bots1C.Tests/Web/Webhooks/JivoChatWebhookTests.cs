using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Webhooks;

/// <summary>
/// JivoChat events through the real webhook, and a bot's main menu end to end against a fake of Jivo's endpoint: the
/// hand-over goes to this app's operators, or — with the bot's setting on — to Jivo's own agents (INVITE_AGENT).
/// </summary>
public class JivoChatWebhookTests : IAsyncLifetime
{
    private const string ProviderId = "bots1c-provider", Token = "jivo-agreed-token-5f2c9a";
    private const string Endpoint = $"/webhooks/{ProviderId}/{Token}";
    private const string Chat = "2037/1233";
    private readonly WireMockServer _jivo = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _client = default!;
    private string _botKey = "";
    private long _botId, _menuId;
    private int _eventNo;

    public async Task InitializeAsync()
    {
        _jivo.Given(Request.Create().WithPath(Endpoint).UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _client = _app.CreateClient();
    }

    private async Task CreateBotAsync(bool handOverToJivoAgents)
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Jivo shop", messenger = "JivoChat", token = Token, extraId = ProviderId, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = _jivo.Url, handOverToMessengerAgents = handOverToJivoAgents,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _botId = bot.GetProperty("id").GetInt64();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _jivo.Stop();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, string? botKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{botKey ?? _botKey}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostFixtureAsync(string fixture) => PostAsync(MessagePath.Fixture("jivochat", fixture));

    /// <summary>A CLIENT_MESSAGE like Jivo's published one, with its own event id.</summary>
    private async Task SayAsync(string text, string? buttonId = null)
    {
        var message = new JsonObject { ["type"] = "TEXT", ["text"] = text, ["timestamp"] = 1665415879 };
        if (buttonId is not null)
            message["button_id"] = buttonId;
        var body = new JsonObject
        {
            ["id"] = $"evt-{++_eventNo}", ["site_id"] = "123456", ["client_id"] = "1233", ["chat_id"] = "2037", ["agents_online"] = true,
            ["sender"] = new JsonObject { ["id"] = 1233, ["name"] = "John Smith" }, ["message"] = message, ["event"] = "CLIENT_MESSAGE",
        };
        (await PostAsync(Encoding.UTF8.GetBytes(body.ToJsonString()))).EnsureSuccessStatusCode();
    }

    private List<JsonObject> Posted() => _jivo.LogEntries.Where(e => e.RequestMessage.Path == Endpoint)
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject()).ToList();

    private Task<List<JsonObject>> PostedEventuallyAsync(int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult(Posted()), p => p.Count >= count, what);

    private async Task<Conversation> ConversationAsync()
    {
        await using var db = await _app.Db();
        return await db.Conversations.AsNoTracking().SingleAsync();
    }

    private async Task<List<string?>> EventsAsync() =>
        (await _app.MessagesAsync()).Where(m => m.Kind == MessageKind.Event).Select(m => m.Text).ToList();

    [Fact]
    public async Task A_client_message_is_stored_as_the_customers_text_in_the_chat_of_chat_id_and_client_id()
    {
        await CreateBotAsync(handOverToJivoAgents: false);

        Assert.Equal(HttpStatusCode.OK, (await PostFixtureAsync("client_message_text.json")).StatusCode);

        await _app.ProcessedInboxAsync(1);
        Assert.Equal("Can you help me?", Assert.Single(await _app.MessagesAsync()).Text);
        var contact = Assert.Single(await _app.ContactsAsync());
        Assert.Equal((Chat, "John Smith"), (contact.ExternalUserId, contact.FirstName));
    }

    [Fact]
    public async Task A_body_that_is_not_a_Jivo_event_is_refused_with_400_and_nothing_is_stored()
    {
        await CreateBotAsync(handOverToJivoAgents: false);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(MessagePath.Fixture("telegram", "message_text.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("""{"id":"e1","chat_id":"2037","client_id":"1233"}"""u8.ToArray())).StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task An_event_posted_to_an_address_without_the_secret_bot_key_is_refused_with_404_and_nothing_is_stored()
    {
        // Jivo signs nothing: the unguessable key in the address is the secret, so a wrong one finds no bot.
        await CreateBotAsync(handOverToJivoAgents: false);

        var response = await PostAsync(MessagePath.Fixture("jivochat", "client_message_text.json"), botKey: "a-guessed-key-0000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await _app.InboxAsync());
    }

    [Fact]
    public async Task The_same_event_retried_by_Jivo_is_stored_once()
    {
        await CreateBotAsync(handOverToJivoAgents: false);

        Assert.Equal(HttpStatusCode.OK, (await PostFixtureAsync("client_message_text.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFixtureAsync("client_message_text.json")).StatusCode);

        Assert.Single(await _app.ProcessedInboxAsync(1));
        Assert.Single(await _app.MessagesAsync());
    }

    [Fact]
    public async Task An_agent_joining_and_writing_are_events_in_the_conversation_and_nothing_the_bot_answers()
    {
        await CreateBotAsync(handOverToJivoAgents: true);
        await PostFixtureAsync("client_message_text.json");
        await PostFixtureAsync("agent_joined.json");
        await PostFixtureAsync("agent_message.json");
        await _app.ProcessedInboxAsync(3);

        var events = (await _app.MessagesAsync()).Where(m => m.Kind == MessageKind.Event).ToList();
        Assert.Equal([ConversationEventCodes.MessengerAgentJoined, ConversationEventCodes.MessengerAgentWrote], events.Select(m => m.Text));
        Assert.Equal(("Operator", "Anna", "Hello! I will check your order now."), (events[0].Author, events[1].Author, events[1].EventDetail));
        Assert.Equal(1, (await ConversationAsync()).UnreadCount);
    }

    [Fact]
    public async Task Jivo_closing_the_chat_closes_the_conversation_with_an_event()
    {
        await CreateBotAsync(handOverToJivoAgents: false);
        await PostFixtureAsync("client_message_text.json");
        await PostFixtureAsync("chat_closed.json");
        await _app.ProcessedInboxAsync(2);

        Assert.Equal(ConversationState.Closed, ConversationStates.Of(await ConversationAsync()));
        Assert.Equal([ConversationEventCodes.ClosedInMessenger], await EventsAsync());
    }

    // ---- the main menu end to end ----

    /// <summary>Any first words → "Hello, {name}! Choose:" with two buttons; "Prices" → a price line; "Talk to a person" → hand-over.</summary>
    private static ScenarioDefinition MainMenu() => new()
    {
        Name = "Main menu",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step
            {
                Id = "m1", Kind = StepKind.Message, Text = "Hello, {{contact.firstName}}! Choose:",
                Buttons = [new StepButton { Id = "b1", Text = "Prices" }, new StepButton { Id = "b2", Text = "Talk to a person" }],
            },
            new Step { Id = "m2", Kind = StepKind.Message, Text = "Our prices start at 100 ₽." },
            new Step { Id = "h1", Kind = StepKind.HandOver, Text = "A person will answer you shortly." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b1"), To = "m2" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b2"), To = "h1" },
            new Transition { From = "m2", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    private async Task InstallMainMenuAsync()
    {
        var saved = await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(MainMenu(), "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        await using (var db = await _app.Db())
        {
            var stored = await db.Bots.FirstAsync(b => b.Id == _botId);
            // Jivo's customers do not type /start: whatever they write first opens the menu.
            stored.MainMenuScenarioId = stored.NotMatchedScenarioId = saved.Scenario!.Id;
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        _menuId = saved.Scenario!.Id;
    }

    /// <summary>The customer writes, gets the menu with its buttons, presses "Talk to a person" and is told a person comes.</summary>
    private async Task WalkToTheHandOverAsync()
    {
        await InstallMainMenuAsync();
        await SayAsync("Can you help me?");
        var menu = Assert.Single(await PostedEventuallyAsync(1, "the menu"))["message"]!;
        Assert.Equal("BUTTONS", (string?)menu["type"]);
        Assert.Equal("Hello, John Smith! Choose:", (string?)menu["text"]);
        Assert.Equal([("Prices", $"s{_menuId}:m1:b1"), ("Talk to a person", $"s{_menuId}:m1:b2")],
            menu["buttons"]!.AsArray().Select(b => ((string?)b!["text"], (string?)b["id"])));

        await SayAsync("Talk to a person", buttonId: $"s{_menuId}:m1:b2");
        var told = (await PostedEventuallyAsync(2, "the hand-over's words"))[1];
        Assert.Equal(("BOT_MESSAGE", "A person will answer you shortly."), ((string?)told["event"], (string?)told["message"]!["text"]));
    }

    [Fact]
    public async Task With_the_setting_off_the_hand_over_waits_for_this_apps_operators_and_Jivo_is_not_asked_for_agents()
    {
        await CreateBotAsync(handOverToJivoAgents: false);

        await WalkToTheHandOverAsync();

        var conversation = await Eventually.GetAsync(ConversationAsync, c => c.Mode == ConversationMode.WaitingForOperator, "the conversation to wait");
        Assert.Equal(ConversationState.WaitingForOperator, ConversationStates.Of(conversation));
        await Task.Delay(500); // an INVITE_AGENT would follow the hand-over's words at once
        Assert.DoesNotContain(Posted(), p => (string?)p["event"] == "INVITE_AGENT");
    }

    [Fact]
    public async Task With_the_setting_on_the_hand_over_invites_Jivos_agents_after_the_last_reply_and_closes_the_conversation_here()
    {
        await CreateBotAsync(handOverToJivoAgents: true);

        await WalkToTheHandOverAsync();

        var invite = (await PostedEventuallyAsync(3, "INVITE_AGENT"))[2];
        invite.Remove("id");
        Bots1C.Tests.Domain.Channels.ChannelKit.SameJson("""{"event":"INVITE_AGENT","chat_id":"2037","client_id":"1233"}""", invite);
        var conversation = await ConversationAsync();
        Assert.Equal(ConversationState.Closed, ConversationStates.Of(conversation)); // in nobody's queue here
        Assert.Equal([ConversationEventCodes.HandedToMessengerAgents], await EventsAsync());
    }

    [Fact]
    public async Task When_no_Jivo_agent_can_take_the_chat_it_waits_for_this_apps_operators_after_all()
    {
        await CreateBotAsync(handOverToJivoAgents: true);
        await WalkToTheHandOverAsync();
        await PostedEventuallyAsync(3, "INVITE_AGENT");

        Assert.Equal(HttpStatusCode.OK, (await PostFixtureAsync("agent_unavailable.json")).StatusCode);

        var conversation = await Eventually.GetAsync(ConversationAsync, c => c.Mode == ConversationMode.WaitingForOperator, "the conversation to wait for ours");
        Assert.Equal(ConversationState.WaitingForOperator, ConversationStates.Of(conversation));
        Assert.Equal([ConversationEventCodes.HandedToMessengerAgents, ConversationEventCodes.MessengerAgentsUnavailable], await EventsAsync());
    }
}
