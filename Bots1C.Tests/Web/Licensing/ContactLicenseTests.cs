using Bots1C.Domain.Conversations;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>Serving a new contact: under a test license the fourth contact of a bot is not answered; its messages are kept
/// and the administrator reads why (event log, contact). Real updates through the webhook, replies to a fake Bot API.</summary>
public sealed class ContactLicenseTests : IAsyncLifetime
{
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
    private string _botKey = "", _secret = "";
    private int _updateId = 900;

    public async Task InitializeAsync()
    {
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/sendMessage").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1,"type":"private"},"text":"ok"}}"""));
        await _app.InstallTestLicenseAsync();
        var greeting = await _app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(new ScenarioDefinition
        {
            Name = "Greeting",
            Steps = [new Step { Id = "start", Kind = StepKind.Start }, new Step { Id = "m1", Kind = StepKind.Message, Text = "Hello!" }, new Step { Id = "end", Kind = StepKind.End }],
            Transitions = [new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" }, new Transition { From = "m1", Outcome = StepOutcomes.Next, To = "end" }],
        }, "test");
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bots.example.ru/bots_unf",
            apiServerUrl = _telegram.Url, notMatchedScenarioId = greeting.Scenario!.Id,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
    }

    private async Task WriteAsync(long chatId, string text) =>
        (await _app.CreateClient().PostTelegramAsync(_botKey, MessagePath.TelegramText(++_updateId, chatId, text), _secret)).EnsureSuccessStatusCode();

    /// <summary>The contact's card as an administrator reading Russian sees it.</summary>
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ContactCardInRussianAsync(long contactId)
    {
        await _app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Administrator);
        var client = _app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        await client.SignInAsync("admin@example.ru");
        return await client.GetPageAsync($"/directory/contacts/{contactId}");
    }

    private IReadOnlyList<string> AnsweredChats() =>
        _telegram.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/sendMessage"))
            .Select(e => System.Text.Json.JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("chat_id").ToString()).Distinct().Order().ToList();

    [Fact]
    public async Task A_test_license_answers_three_contacts_of_a_bot_and_keeps_the_fourths_messages_unanswered()
    {
        foreach (var chat in new long[] { 101, 102, 103, 104 })
            await WriteAsync(chat, "Здравствуйте");
        await _app.ProcessedInboxAsync(4);
        await Eventually.GetAsync(() => Task.FromResult(AnsweredChats()), chats => chats.Count >= 3, "three answers");
        await Task.Delay(500); // an answer to the fourth, were one queued, would be sent by now

        Assert.Equal(["101", "102", "103"], AnsweredChats());
        var fourth = Assert.Single(await _app.ContactsAsync(), c => c.ExternalUserId == "104");
        Assert.Equal(LicenseError.TestContactLimit, fourth.LicenseRefusal);
        await using var db = await _app.Db();
        var kept = await db.Messages.Where(m => m.Conversation!.ContactId == fourth.Id).ToListAsync();
        Assert.Equal(("Здравствуйте", MessageDirection.Incoming), (Assert.Single(kept).Text, kept[0].Direction));
    }

    [Fact]
    public async Task The_refused_contact_is_logged_once_however_often_it_writes()
    {
        foreach (var chat in new long[] { 101, 102, 103, 104, 104, 104 })
            await WriteAsync(chat, "Есть кто?");
        await _app.ProcessedInboxAsync(6);

        await using var db = await _app.Db();
        var logged = Assert.Single(await db.Events.Where(e => e.Source == EventSources.Licensing && e.Code == "LicenseTestContactLimit").ToListAsync());
        Assert.Contains("at most 3 contacts per bot", logged.Message);
        Assert.Equal("Shop", logged.Subject);
    }

    [Fact]
    public async Task A_working_license_installed_later_serves_the_contact_refused_before()
    {
        foreach (var chat in new long[] { 101, 102, 103, 104 })
            await WriteAsync(chat, "Здравствуйте");
        await _app.ProcessedInboxAsync(4);

        await _app.InstallAsync(LicenseTestKit.WorkingKey());
        await WriteAsync(104, "А мне ответите?");
        await _app.ProcessedInboxAsync(5);

        await Eventually.GetAsync(() => Task.FromResult(AnsweredChats()), chats => chats.Contains("104"), "an answer to the fourth contact");
        Assert.Null(Assert.Single(await _app.ContactsAsync(), c => c.ExternalUserId == "104").LicenseRefusal);
    }

    [Fact]
    public async Task The_contact_card_tells_the_administrator_why_the_bot_does_not_answer()
    {
        foreach (var chat in new long[] { 101, 102, 103, 104 })
            await WriteAsync(chat, "Здравствуйте");
        await _app.ProcessedInboxAsync(4);
        var fourth = Assert.Single(await _app.ContactsAsync(), c => c.ExternalUserId == "104");
        var card = await ContactCardInRussianAsync(fourth.Id);

        Assert.Contains("Для ключа разработчика установлен лимит до 3 контактов", card.QuerySelector("[data-testid=contact-license-refusal]")?.TextContent);
    }

    [Fact]
    public async Task The_contact_card_names_the_limit_of_the_installed_key_not_the_test_licenses()
    {
        await _app.InstallAsync(LicenseTestKit.WorkingKey(contactsPerBot: 2));
        foreach (var chat in new long[] { 101, 102, 103 })
            await WriteAsync(chat, "Здравствуйте");
        await _app.ProcessedInboxAsync(3);
        var third = Assert.Single(await _app.ContactsAsync(), c => c.ExternalUserId == "103");
        Assert.Equal(LicenseError.TestContactLimit, third.LicenseRefusal);
        var card = await ContactCardInRussianAsync(third.Id);

        Assert.Contains("лимит до 2 контактов", card.QuerySelector("[data-testid=contact-license-refusal]")?.TextContent);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }
}
