using Bots1C.Domain.Data;
using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Operators;

/// <summary>
/// The real app with one Telegram bot whose Bot API is a fake on loopback, and the bot's scenarios: anything it does
/// not understand gets <see cref="NotUnderstood"/>, "/operator" hands the dialog over, "/survey" asks a question.
/// Customers write through the real webhook; operators act through the app's own <see cref="ConversationControl"/>.
/// </summary>
public abstract class OperatorTestBase : IAsyncLifetime
{
    protected const string Token = MessagePath.TelegramToken;
    protected const string NotUnderstood = "Sorry, I did not get that.";
    protected const string HandOverText = "An operator will answer soon.";
    protected const string SurveyQuestion = "How would you rate us?";
    protected const string SentOk = """{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}""";

    protected readonly WireMockServer _telegram = WireMockServer.Start();
    protected readonly Bots1CAppFactory _app;
    protected long _botId, _surveyId;
    private string _botKey = "", _secret = "";
    private int _updateId = 1000;

    protected OperatorTestBase(Func<Bots1CAppFactory, Bots1CAppFactory>? configure = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        Bots1CAppFactory app;
        try
        {
            app = Bots1CAppFactory.On(database).WithApiKey();
        }
        catch
        {
            _telegram.Stop(); // skipped (no PostgreSQL configured) or failed: the fake must not outlive the test
            throw;
        }
        _app = configure is null ? app : configure(app);
    }

    public virtual async Task InitializeAsync()
    {
        AnswerSendMessage(200, SentOk);
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });
        _botId = bot.GetProperty("id").GetInt64();
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(_botId)).WebhookSecret;

        var notMatched = await InstallAsync(ScenarioBuilder.Named("Not matched").StartsWith("m").Message("m", NotUnderstood).Then("end").End("end"));
        await InstallAsync(ScenarioBuilder.Named("Operator").OnCommand("/operator").StartsWith("h").HandOver("h", HandOverText));
        _surveyId = await InstallAsync(ScenarioBuilder.Named("Survey").OnCommand("/survey").StartsWith("q")
            .Question("q", SurveyQuestion, "rating").On(StepOutcomes.Answered, "end").On(StepOutcomes.GaveUp, "end").End("end", "Thanks!"));
        await using (var db = await _app.Db())
        {
            var stored = await db.Bots.FirstAsync(b => b.Id == _botId);
            stored.NotMatchedScenarioId = notMatched;
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<ScenarioCache>().Invalidate();
    }

    public virtual Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    protected async Task<long> InstallAsync(ScenarioBuilder scenario)
    {
        var saved = await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(scenario.Definition, "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        var id = saved.Scenario!.Id;
        await using var db = await _app.Db();
        db.BotScenarios.Add(new BotScenario { BotId = _botId, ScenarioId = id });
        await db.SaveChangesAsync();
        return id;
    }

    protected ConversationControl Control => _app.Services.GetRequiredService<ConversationControl>();
    protected ConversationList List => _app.Services.GetRequiredService<ConversationList>();
    protected OperatorPresence Presence => _app.Services.GetRequiredService<OperatorPresence>();

    /// <summary>Replaces whatever the fake Bot API answered to sendMessage so far.</summary>
    protected void AnswerSendMessage(int status, string body)
    {
        _telegram.ResetMappings();
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    protected async Task<OperatorRef> OperatorAsync(string name, params string[] roles)
    {
        var user = await _app.CreateUserAsync($"{name}@example.ru", HtmlForms.Password, roles.Length > 0 ? roles : [Bots1C.Domain.Accounts.Roles.Operator]);
        return new OperatorRef(user.Id, user.DisplayName);
    }

    /// <summary>The customer writes in chat <paramref name="chatId"/>; returns once the update has been processed.</summary>
    protected Task SayAsync(long chatId, string text, string firstName = "Ivan", string? lastName = null)
    {
        var last = lastName is null ? "" : $",\"last_name\":\"{lastName}\"";
        return PostMessageAsync(chatId, $$$"""
            "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"{{{firstName}}}"{{{last}}},"username":"user{{{chatId}}}","language_code":"ru"},
            "text":"{{{text}}}"
            """, firstName);
    }

    /// <summary>The customer in chat <paramref name="chatId"/> sends a message with these fields (its "from" and content);
    /// returns once the update has been processed.</summary>
    protected async Task PostMessageAsync(long chatId, string fromAndContent, string firstName = "Ivan")
    {
        var updateId = Interlocked.Increment(ref _updateId);
        var body = Encoding.UTF8.GetBytes($$$"""
            {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1441645532,
             "chat":{"id":{{{chatId}}},"type":"private","first_name":"{{{firstName}}}"},
             {{{fromAndContent}}}}}
            """);
        var response = await _app.CreateClient().PostTelegramAsync(_botKey, body, _secret);
        response.EnsureSuccessStatusCode();
        await Eventually.GetAsync(_app.InboxAsync, rows => rows.Any(r => r.ExternalId == updateId.ToString() && r.State != InboxState.Pending),
            $"update {updateId} to be processed");
    }

    protected async Task<Conversation> ConversationAsync(long chatId)
    {
        await using var db = await _app.Db();
        return await db.Conversations.AsNoTracking().Include(c => c.Contact).SingleAsync(c => c.ChatId == chatId.ToString());
    }

    protected async Task<List<Message>> HistoryOfAsync(long conversationId)
    {
        await using var db = await _app.Db();
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The texts the fake Bot API was asked to send to one chat, in order.</summary>
    protected List<string?> SentTo(long chatId) => _telegram.LogEntries
        .Where(e => e.RequestMessage.Path == $"/bot{Token}/sendMessage")
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject())
        .Where(b => (long?)b["chat_id"] == chatId)
        .Select(b => (string?)b["text"])
        .ToList();

    protected Task<List<string?>> SentEventuallyAsync(long chatId, string text) =>
        Eventually.GetAsync(() => Task.FromResult(SentTo(chatId)), sent => sent.Contains(text), $"\"{text}\" sent to chat {chatId}");
}
