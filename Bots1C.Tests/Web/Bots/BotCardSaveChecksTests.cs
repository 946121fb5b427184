using Bots1C.Domain.Bots;
using Bots1C.Domain.Diagnostics;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Domain.Channels.Viber;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Components.Shared;
using Bots1C.Web.Features.Bots;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Bots;

/// <summary>
/// The bot card does what the guide describes on saving: the token is checked at once (green «Связь установлена», or the
/// reason in words), an active bot's webhook is registered — again when its address changes —, and the messenger's own
/// view of the webhook (its last delivery error) is shown next to the token's state. Messengers are WireMock fakes on loopback.
/// </summary>
public class BotCardSaveChecksTests : MudTestContext
{
    private const string Url = "https://bot.example.ru/bots_unf";
    private const string GetMe = """{"ok":true,"result":{"id":7000000,"is_bot":true,"first_name":"Shop bot","username":"shop_bot"}}""";
    private const string True = """{"ok":true,"result":true}""";
    private readonly Bots1CAppFactory _app = new();
    private readonly WireMockServer _telegram = WireMockServer.Start();

    public BotCardSaveChecksTests()
    {
        foreach (var type in new[] { typeof(BotCatalog), typeof(BotConnection), typeof(BotSaveChecks), typeof(Bots1C.Domain.Channels.ChannelAdapters),
                     typeof(BotScenarioSettings), typeof(ScenarioCatalog), typeof(StarterScenarios) })
            Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        AddAuthorization().SetAuthorized("admin@example.ru").SetRoles(Bots1C.Domain.Accounts.Roles.Administrator);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _app.Dispose();
            _telegram.Stop();
        }
    }

    private async Task<BotView> TelegramBotAsync()
    {
        var change = await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(new BotInput
        {
            Name = "Shop", Messenger = Messenger.Telegram, Token = MessagePath.TelegramToken, PublicBaseUrl = Url, ApiServerUrl = _telegram.Url,
        }, "admin@example.ru");
        Assert.True(change.Succeeded, string.Join(" ", change.Errors.Select(e => e.ErrorMessage)));
        return change.Bot!;
    }

    private static string WebhookInfo(string url, string? lastError = null) => lastError is null
        ? $$$"""{"ok":true,"result":{"url":"{{{url}}}","has_custom_certificate":false,"pending_update_count":0}}"""
        : $$$"""{"ok":true,"result":{"url":"{{{url}}}","has_custom_certificate":false,"pending_update_count":3,"last_error_date":1767225600,"last_error_message":"{{{lastError}}}"}}""";

    private static IReadOnlyList<ILogEntry> Calls(WireMockServer server, string path) =>
        server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    private IReadOnlyList<ILogEntry> Telegram(string method) => Calls(_telegram, $"/bot{MessagePath.TelegramToken}/{method}");

    private BotCardSaveChecksTests Answers(string method, int status, string body)
    {
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/{method}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return this;
    }

    [Fact]
    public async Task Saving_an_active_bot_checks_the_token_and_registers_its_webhook()
    {
        var bot = await TelegramBotAsync();
        Answers("getMe", 200, GetMe).Answers("setWebhook", 200, True).Answers("getWebhookInfo", 200, WebhookInfo(bot.WebhookUrl));
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));

        await card.WaitForElement("[data-testid=bot-save]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Contains(Strings["Bots.WebhookRegistered"].Value, card.Find("[data-testid=bot-webhook-registration]").TextContent));
        Assert.Single(Telegram("getMe"));
        Assert.Contains(bot.WebhookUrl, Assert.Single(Telegram("setWebhook")).RequestMessage.Body);
        Assert.Contains(Strings["Bots.ConnectionEstablished"].Value + " (@shop_bot)", card.Find("[data-testid=bot-token-state]").TextContent);
        Assert.Contains(Strings["Bots.WebhookStateOk", 0].Value, card.Find("[data-testid=bot-webhook-state]").TextContent);
    }

    [Fact]
    public async Task A_changed_address_registers_the_webhook_again_and_an_unchanged_save_does_not()
    {
        var bot = await TelegramBotAsync();
        Answers("getMe", 200, GetMe).Answers("setWebhook", 200, True).Answers("getWebhookInfo", 200, WebhookInfo(bot.WebhookUrl));
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));
        await card.WaitForElement("[data-testid=bot-save]").ClickAsync(new());
        card.WaitForAssertion(() => Assert.Single(Telegram("setWebhook")));
        card.WaitForElement("[data-testid=bot-webhook-state]");

        await card.Find("[data-testid=bot-save]").ClickAsync(new());
        card.WaitForAssertion(() => Assert.Equal(2, Telegram("getMe").Count));
        card.WaitForAssertion(() => Assert.Empty(card.FindAll("[data-testid=bot-webhook-registration]")));
        Assert.Single(Telegram("setWebhook"));

        card.Find("input[data-testid=bot-url]").Change("https://bot.example.ru/bots_new");
        await card.Find("[data-testid=bot-save]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Equal(2, Telegram("setWebhook").Count));
        Assert.Contains($"https://bot.example.ru/bots_new/webhooks/{bot.BotKey}", Telegram("setWebhook")[^1].RequestMessage.Body);
    }

    [Fact]
    public async Task A_refused_token_shows_the_reason_in_words_and_registers_nothing()
    {
        var bot = await TelegramBotAsync();
        Answers("getMe", 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""").Answers("setWebhook", 200, True);
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));

        await card.WaitForElement("[data-testid=bot-save]").ClickAsync(new());

        var state = card.WaitForElement("[data-testid=bot-token-state]");
        var stored = await _app.StoredBotAsync(bot.Id);
        Assert.Equal(ConnectionStatus.Failing, stored.Status);
        Assert.Equal(Strings["Bots.ConnectionFailing", Strings.Reason(stored.StatusReason)].Value, state.TextContent.Trim());
        Assert.Empty(Telegram("setWebhook"));
        Assert.Empty(Telegram("getWebhookInfo"));
        Assert.Empty(card.FindAll("[data-testid=bot-webhook-registration]"));
    }

    [Fact]
    public async Task The_messengers_last_delivery_error_is_shown_next_to_the_token_state()
    {
        var bot = await TelegramBotAsync();
        Answers("getMe", 200, GetMe).Answers("setWebhook", 200, True)
            .Answers("getWebhookInfo", 200, WebhookInfo(bot.WebhookUrl, "Wrong response from the webhook: 502 Bad Gateway"));
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));

        await card.WaitForElement("[data-testid=bot-save]").ClickAsync(new());

        var webhook = card.WaitForElement("[data-testid=bot-webhook-state]");
        Assert.Contains("Wrong response from the webhook: 502 Bad Gateway", webhook.TextContent);
        Assert.Contains("3", webhook.TextContent);
        card.Find("[data-testid=bot-token-state]");
    }

    [Fact]
    public async Task The_webhook_state_is_shown_when_the_card_opens_without_asking_the_messenger()
    {
        var bot = await TelegramBotAsync();
        await _app.Services.GetRequiredService<BotWebhookStatuses>().SaveAsync(bot.Id,
            new Bots1C.Domain.Channels.WebhookView(null, bot.WebhookUrl, 7, DateTimeOffset.UtcNow, "Connection timed out"), CancellationToken.None);

        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));

        Assert.Contains("Connection timed out", card.WaitForElement("[data-testid=bot-webhook-state]").TextContent);
        Assert.Empty(_telegram.LogEntries);
    }

    [Fact]
    public async Task Saving_a_Viber_bot_checks_its_token_and_sets_its_webhook()
    {
        using var viber = new ViberApiFake();
        viber.Answers("/pa/get_account_info", 200, """{"status":0,"status_message":"ok","id":"pa:1","name":"Shop","webhook":""}""")
            .Answers("/pa/set_webhook", 200, """{"status":0,"status_message":"ok","event_types":["delivered","seen"]}""");
        var bot = (await _app.Services.GetRequiredService<BotCatalog>().CreateAsync(new BotInput
        {
            Name = "Viber shop", Messenger = Messenger.Viber, Token = ViberApiFake.Token, PublicBaseUrl = Url, ApiServerUrl = viber.Server.Url,
        }, "admin@example.ru")).Bot!;
        var card = Render<BotCardPage>(p => p.Add(c => c.Id, bot.Id));

        await card.WaitForElement("[data-testid=bot-save]").ClickAsync(new());

        card.WaitForAssertion(() => Assert.Contains(Strings["Bots.WebhookRegistered"].Value, card.Find("[data-testid=bot-webhook-registration]").TextContent));
        Assert.NotEmpty(Calls(viber.Server, "/pa/get_account_info"));
        Assert.Contains(bot.WebhookUrl, Assert.Single(Calls(viber.Server, "/pa/set_webhook")).RequestMessage.Body);
        Assert.Contains(Strings["Bots.WebhookStateNone"].Value, card.Find("[data-testid=bot-webhook-state]").TextContent);
    }

    [Theory]
    [InlineData("https://bot.example.ru:8080/bots_unf", "Bots.PortNotCalled")]
    [InlineData("https://bot.example.ru:8443/bots_unf", "Bots.Port443Recommended")]
    public void A_Telegram_address_off_port_443_is_warned_about_while_typed(string url, string key)
    {
        var card = Render<BotCardPage>();

        card.Find("input[data-testid=bot-url]").Change(url);

        var warning = card.WaitForElement("[data-testid=bot-port-warning]");
        Assert.Contains("443", warning.TextContent);
        Assert.Contains(new Uri(url).Port.ToString(), warning.TextContent);
        Assert.Contains(key == "Bots.PortNotCalled" ? "never calls" : "recommended", warning.TextContent);
    }

    [Fact]
    public void A_Telegram_address_on_port_443_gets_no_port_warning()
    {
        var card = Render<BotCardPage>();

        card.Find("input[data-testid=bot-url]").Change(Url);

        Assert.Empty(card.FindAll("[data-testid=bot-port-warning]"));
    }
}
