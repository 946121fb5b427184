using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// A bot's main menu scenario end to end: real Telegram updates into the webhook, the runner in the processor,
/// replies through the outbox to a fake Bot API on loopback, in the shape Telegram expects.
/// </summary>
public class ScenarioTelegramTests : IAsyncLifetime
{
    private const string Token = MessagePath.TelegramToken;
    private const long ChatId = 1111111; // the chat of the shared fixtures
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "", _secret = "";
    private long _menuId;
    private int _updateId = 500;

    public async Task InitializeAsync()
    {
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}"""));
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/answerCallbackQuery").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"ok":true,"result":true}"""));
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });
        var botId = bot.GetProperty("id").GetInt64();
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(botId)).WebhookSecret;

        _botId = botId;
        _menuId = await InstallMainMenuAsync(MainMenu());
    }

    private long _botId;

    private async Task<long> InstallMainMenuAsync(ScenarioDefinition scenario)
    {
        var saved = await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(scenario, "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        await using (var db = await _app.Db())
        {
            var stored = await db.Bots.FirstAsync(b => b.Id == _botId);
            stored.MainMenuScenarioId = saved.Scenario!.Id;
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        return saved.Scenario!.Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    /// <summary>Start → "Hello, {name}" with two buttons; "Prices" → a price message; "Share phone" → Request phone.</summary>
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
            new Step { Id = "m4", Kind = StepKind.Message, Text = "Maybe later." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b1"), To = "m2" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b2"), To = "p1" },
            new Transition { From = "p1", Outcome = StepOutcomes.Received, To = "m3" },
            new Transition { From = "p1", Outcome = StepOutcomes.Refused, To = "m4" },
            new Transition { From = "m2", Outcome = StepOutcomes.Next, To = "end" },
            new Transition { From = "m3", Outcome = StepOutcomes.Next, To = "end" },
            new Transition { From = "m4", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    private async Task PostAsync(byte[] update)
    {
        var response = await _app.CreateClient().PostTelegramAsync(_botKey, update, _secret);
        response.EnsureSuccessStatusCode();
    }

    private Task SayAsync(string text) => PostAsync(MessagePath.TelegramText(++_updateId, ChatId, text));

    private Task PressAsync(string data) => PostAsync(Encoding.UTF8.GetBytes($$$"""
        {"update_id":{{{++_updateId}}},"callback_query":{"id":"cb{{{_updateId}}}","from":{"id":{{{ChatId}}},"is_bot":false,"first_name":"Ivan"},
         "message":{"message_id":1370,"date":1441645900,"chat":{"id":{{{ChatId}}},"type":"private"},"text":"Choose:"},
         "chat_instance":"-1","data":"{{{data}}}"}}
        """));

    private List<JsonObject> Sent(string method) => _telegram.LogEntries
        .Where(e => e.RequestMessage.Path == $"/bot{Token}/{method}")
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject())
        .ToList();

    private Task<List<JsonObject>> SentEventuallyAsync(int count, int seconds = 15) =>
        Eventually.GetAsync(() => Task.FromResult(Sent("sendMessage")), s => s.Count >= count, $"{count} sendMessage call(s)", seconds);

    [Fact]
    public async Task Start_opens_the_main_menu_with_its_buttons_as_an_inline_keyboard()
    {
        await SayAsync("/start");

        var menu = Assert.Single(await SentEventuallyAsync(1));
        Assert.Equal("Hello, Ivan! Choose:", (string?)menu["text"]);
        var rows = menu["reply_markup"]!["inline_keyboard"]!.AsArray();
        Assert.Equal(["Prices", "Share phone"], rows.Select(r => (string?)r![0]!["text"]));
        Assert.Equal($"s{_menuId}:m1:b1", (string?)rows[0]![0]!["callback_data"]);
    }

    [Fact]
    public async Task Pressing_a_menu_button_sends_the_step_it_leads_to_and_answers_the_press()
    {
        await SayAsync("/start");
        await SentEventuallyAsync(1);

        await PressAsync($"s{_menuId}:m1:b1");

        Assert.Equal("Our prices start at 100 ₽.", (string?)(await SentEventuallyAsync(2))[1]["text"]);
        await Eventually.GetAsync(() => Task.FromResult(Sent("answerCallbackQuery").Count), n => n == 1, "the press answered");
    }

    [Fact]
    public async Task A_press_whose_answer_fails_still_gets_the_next_step_at_once()
    {
        await SayAsync("/start");
        await SentEventuallyAsync(1);
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/answerCallbackQuery").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("Bad Gateway"));

        await PressAsync($"s{_menuId}:m1:b1");

        Assert.Equal("Our prices start at 100 ₽.", (string?)(await SentEventuallyAsync(2, seconds: 5))[1]["text"]);
    }

    [Fact]
    public async Task Sharing_the_own_phone_stores_it_on_the_contact_in_E164_and_the_scenario_goes_on()
    {
        await SayAsync("/start");
        await SentEventuallyAsync(1);
        await PressAsync($"s{_menuId}:m1:b2");
        var ask = (await SentEventuallyAsync(2))[1];
        Assert.True((bool?)ask["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]);

        await PostAsync(MessagePath.Fixture("telegram", "message_contact_own.json"));

        Assert.Equal("Thanks, we saved +79161234567.", (string?)(await SentEventuallyAsync(3))[2]["text"]);
        Assert.Equal("+79161234567", Assert.Single(await _app.ContactsAsync()).Phone);
    }

    [Fact]
    public async Task Someone_elses_contact_is_refused_and_not_stored()
    {
        await SayAsync("/start");
        await SentEventuallyAsync(1);
        await PressAsync($"s{_menuId}:m1:b2");
        await SentEventuallyAsync(2);

        await PostAsync(MessagePath.Fixture("telegram", "message_contact_other.json"));

        Assert.Equal("Maybe later.", (string?)(await SentEventuallyAsync(3))[2]["text"]);
        Assert.Null(Assert.Single(await _app.ContactsAsync()).Phone);
    }

    /// <summary>Start → HTTP GET to "1C" (the same fake server, another path) → tag the conversation → say the status.</summary>
    private ScenarioDefinition OrderStatus(string customer = "{{contact.firstName}}") => new()
    {
        Name = "Order status",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step
            {
                Id = "h1", Kind = StepKind.HttpRequest, Url = _telegram.Url + "/1c/orders?customer=" + customer,
                Results = [new ResultMapping { From = "$.orders[0].status", To = "status" }],
            },
            new Step
            {
                Id = "c1", Kind = StepKind.CallMethod, Method = "Conversation.SetTag",
                Arguments = [new NameValue { Name = "tag", Value = "asked-order" }],
            },
            new Step { Id = "m1", Kind = StepKind.Message, Text = "Your order is {{vars.status}}." },
            new Step { Id = "m2", Kind = StepKind.Message, Text = "1C does not answer, try later." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", To = "h1" },
            new Transition { From = "h1", Outcome = StepOutcomes.Ok, To = "c1" },
            new Transition { From = "h1", Outcome = StepOutcomes.Failed, To = "m2" },
            new Transition { From = "c1", Outcome = StepOutcomes.Ok, To = "m1" },
            new Transition { From = "c1", Outcome = StepOutcomes.Failed, To = "m1" },
            new Transition { From = "m1", To = "end" },
            new Transition { From = "m2", To = "end" },
        ],
    };

    [Fact]
    public async Task An_HTTP_step_reads_the_answer_into_a_variable_and_a_method_tags_the_conversation()
    {
        _telegram.Given(Request.Create().WithPath("/1c/orders").WithParam("customer", "Ivan").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"orders":[{"number":"A-1","status":"shipped"}]}"""));
        await InstallMainMenuAsync(OrderStatus());

        await SayAsync("/start");

        Assert.Equal("Your order is shipped.", (string?)Assert.Single(await SentEventuallyAsync(1))["text"]);
        await using var db = await _app.Db();
        var conversation = await db.Conversations.AsNoTracking().SingleAsync();
        Assert.Equal(["asked-order"], conversation.Tags);
        Assert.Null(conversation.ScenarioId); // the scenario ended
    }

    [Fact]
    public async Task A_message_arriving_while_a_slow_HTTP_step_runs_waits_for_it_and_keeps_its_place()
    {
        _telegram.Given(Request.Create().WithPath("/1c/orders").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2))
                .WithHeader("Content-Type", "application/json").WithBody("""{"orders":[{"status":"packed"}]}"""));
        await InstallMainMenuAsync(OrderStatus());

        await SayAsync("/start");
        await Task.Delay(500); // the first update is processed and its request is on its way
        await SayAsync("/start");

        await SentEventuallyAsync(2);
        var messages = (await _app.MessagesAsync()).OrderBy(m => m.Id).Select(m => $"{m.Direction} {m.Text}").ToList();
        Assert.Equal(["Incoming /start", "Outgoing Your order is packed.", "Incoming /start", "Outgoing Your order is packed."], messages);
    }

    [Fact]
    public async Task A_slow_HTTP_step_in_one_chat_does_not_hold_up_another_chat()
    {
        _telegram.Given(Request.Create().WithPath("/1c/orders").WithParam("customer", "ivan1001").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(4))
                .WithHeader("Content-Type", "application/json").WithBody("""{"orders":[{"status":"slow"}]}"""));
        _telegram.Given(Request.Create().WithPath("/1c/orders").WithParam("customer", "ivan1002").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json").WithBody("""{"orders":[{"status":"fast"}]}"""));
        await InstallMainMenuAsync(OrderStatus("{{contact.username}}"));

        await PostAsync(MessagePath.TelegramText(++_updateId, 1001, "/start"));
        await Task.Delay(500); // the slow request is on its way
        await PostAsync(MessagePath.TelegramText(++_updateId, 1002, "/start"));

        var first = Assert.Single(await Eventually.GetAsync(() => Task.FromResult(Sent("sendMessage")), s => s.Count >= 1, "the first answer", 3));
        Assert.Equal("Your order is fast.", (string?)first["text"]);
        Assert.Equal("Your order is slow.", (string?)(await SentEventuallyAsync(2))[1]["text"]);
    }

    [Fact]
    public async Task A_failing_HTTP_step_takes_its_failed_way_and_is_logged()
    {
        _telegram.Given(Request.Create().WithPath("/1c/orders").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        await InstallMainMenuAsync(OrderStatus());

        await SayAsync("/start");

        Assert.Equal("1C does not answer, try later.", (string?)Assert.Single(await SentEventuallyAsync(1))["text"]);
        await using var db = await _app.Db();
        var logged = await db.Events.AsNoTracking().SingleAsync(e => e.Code == "ScenarioCallFailed");
        Assert.Contains("503", logged.Message);
    }

    [Fact]
    public async Task The_conversation_remembers_where_the_scenario_waits()
    {
        await SayAsync("/start");
        await SentEventuallyAsync(1);

        await using var db = await _app.Db();
        var conversation = await Eventually.GetAsync(() => db.Conversations.AsNoTracking().SingleAsync(), c => c.StepId == "m1", "the state saved");
        Assert.Equal(_menuId, conversation.ScenarioId);
        Assert.Equal(ConversationMode.Bot, conversation.Mode);
        var reply = (await _app.MessagesAsync()).Single(m => m.Direction == MessageDirection.Outgoing);
        Assert.Equal(ScenarioResponder.Author, reply.Author);
    }
}
