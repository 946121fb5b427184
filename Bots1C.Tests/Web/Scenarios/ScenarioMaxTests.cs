using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Channels.Max;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// A MAX bot's main menu end to end: MAX updates into the webhook, the runner in the processor, replies through the outbox
/// to a fake MAX API on loopback: menu → press → phone request → the customer's own contact → hand-over to operators.
/// </summary>
public class ScenarioMaxTests : IAsyncLifetime
{
    private const long User = 123456789; // John Doe of the published fixtures
    private readonly WireMockServer _max = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "", _secret = "";
    private long _botId, _menuId;
    private int _seq;

    public async Task InitializeAsync()
    {
        _max.Given(Request.Create().WithPath("/messages").UsingPost()).RespondWith(Response.Create().WithBody(MaxApiFake.Sent("mid.bot")));
        _max.Given(Request.Create().WithPath("/answers").UsingPost()).RespondWith(Response.Create().WithBody("""{"success":true}"""));
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "MAX shop", messenger = "Max", token = MaxApiFake.Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _max.Url,
        });
        _botId = bot.GetProperty("id").GetInt64();
        _botKey = ApiClient.BotKeyOf(bot);
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
        _max.Stop();
        return Task.CompletedTask;
    }

    /// <summary>Start → "Hello" with two buttons; "Share phone" → Request phone → thanks → hand over to an operator.</summary>
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
            new Step { Id = "h1", Kind = StepKind.HandOver, Text = "Thanks, {{contact.phone}}: a manager will answer you." },
            new Step { Id = "m4", Kind = StepKind.Message, Text = "Maybe later." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b1"), To = "m2" },
            new Transition { From = "m1", Outcome = StepOutcomes.ForButton("b2"), To = "p1" },
            new Transition { From = "p1", Outcome = StepOutcomes.Received, To = "h1" },
            new Transition { From = "p1", Outcome = StepOutcomes.Refused, To = "m4" },
            new Transition { From = "m2", Outcome = StepOutcomes.Next, To = "end" },
            new Transition { From = "m4", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    private async Task PostRawAsync(string update)
    {
        var response = await MaxWebhookTests.PostMaxAsync(_app.CreateClient(), _botKey, Encoding.UTF8.GetBytes(update), _secret);
        response.EnsureSuccessStatusCode();
    }

    private static string John => """{"user_id":123456789,"first_name":"John","last_name":"Doe","is_bot":false,"last_activity_time":1775025580000,"name":"John Doe"}""";

    /// <summary>An update with JOHN standing for the customer and SEQ for a number of its own.</summary>
    private Task PostAsync(string template, string? text = null) =>
        PostRawAsync(template.Replace("JOHN", John).Replace("SEQ", (++_seq).ToString()).Replace("TEXT", text));

    private Task SayAsync(string text) => PostAsync("""
        {"timestamp":1775025600000,"message":{"recipient":{"chat_id":182182182,"chat_type":"dialog","user_id":229229229},"timestamp":1775025600000,
         "body":{"mid":"mid.customerSEQ","seq":1,"text":"TEXT"},"sender":JOHN},"user_locale":"ru","update_type":"message_created"}
        """, text);

    private Task PressAsync(string payload) => PostAsync("""
        {"callback":{"timestamp":1775026702210,"callback_id":"cb-SEQ","user":JOHN,"payload":"TEXT"},
         "message":{"recipient":{"chat_id":182182182,"chat_type":"dialog","user_id":123456789},"timestamp":1775026671403,
          "body":{"mid":"mid.bot","seq":1,"text":"Hello, John! Choose:"}},"timestamp":1775026702210,"user_locale":"ru","update_type":"message_callback"}
        """, payload);

    private Task ShareOwnPhoneAsync() => PostAsync("""
        {"timestamp":1775025630000,"message":{"recipient":{"chat_id":182182182,"chat_type":"dialog","user_id":229229229},"timestamp":1775025630000,
         "body":{"mid":"mid.customerSEQ","seq":1,"attachments":[{"type":"contact","payload":{
           "vcf_info":"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE=cell:79161234567\r\nFN:John Doe\r\nEND:VCARD\r\n","max_info":JOHN}}]},
         "sender":JOHN},"user_locale":"ru","update_type":"message_created"}
        """, null);

    private List<JsonObject> Sent(string path) => _max.LogEntries
        .Where(e => e.RequestMessage.Path == path)
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject())
        .ToList();

    private Task<List<JsonObject>> SentEventuallyAsync(int count) =>
        Eventually.GetAsync(() => Task.FromResult(Sent("/messages")), s => s.Count >= count, $"{count} message(s) sent to MAX", 15);

    [Fact]
    public async Task The_menu_a_press_a_shared_phone_and_a_hand_over_run_on_MAX()
    {
        await SayAsync("/start");
        var menu = Assert.Single(await SentEventuallyAsync(1));
        Assert.Equal("Hello, John! Choose:", (string?)menu["text"]);
        var rows = menu["attachments"]![0]!["payload"]!["buttons"]!.AsArray();
        Assert.Equal(["Prices", "Share phone"], rows.Select(r => (string?)r![0]!["text"]));
        Assert.Equal($"s{_menuId}:m1:b2", (string?)rows[1]![0]!["payload"]);

        await PressAsync($"s{_menuId}:m1:b2");
        var request = (await SentEventuallyAsync(2))[1];
        Assert.Equal("Press the button below.", (string?)request["text"]);
        Assert.Equal("request_contact", (string?)request["attachments"]![0]!["payload"]!["buttons"]![0]![0]!["type"]);
        await Eventually.GetAsync(() => Task.FromResult(Sent("/answers")), a => a.Count == 1, "the press to be answered");

        await ShareOwnPhoneAsync();
        var thanks = (await SentEventuallyAsync(3))[2];
        Assert.Equal("Thanks, +79161234567: a manager will answer you.", (string?)thanks["text"]);
        Assert.Equal("+79161234567", Assert.Single(await _app.ContactsAsync()).Phone);
        await using var db = await _app.Db();
        Assert.Equal(ConversationMode.WaitingForOperator, (await db.Conversations.AsNoTracking().SingleAsync()).Mode);
    }
}
