using System.Net;
using Bots1C.Domain.Bots;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>Saving or activating a bot and registering its webhook: each license refusal is a 403 naming the
/// original's error, changes nothing, and is written to the event log.</summary>
public sealed class BotLicenseTests : IDisposable
{
    private readonly WireMockServer _telegram = WireMockServer.Start();

    public BotLicenseTests() =>
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/setWebhook").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"ok":true,"result":true}"""));

    private static async Task<string> RefusalCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("code").GetString()!;
    }

    private static async Task<List<EventLogEntry>> LicenseEventsAsync(Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Events.AsNoTracking().Where(e => e.Source == EventSources.Licensing).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task With_no_license_a_bot_cannot_be_activated()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();

        var response = await app.CreateApiClient().PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!));

        Assert.Equal("NoLicense", await RefusalCodeAsync(response));
        await using var db = await app.Db();
        Assert.Empty(await db.Bots.ToListAsync());
    }

    [Fact]
    public async Task A_disabled_bot_may_be_prepared_without_a_license()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();

        var response = await app.CreateApiClient().PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!, state: "Disabled"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_test_license_refuses_a_second_active_bot_and_logs_why()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
        await app.InstallTestLicenseAsync();
        var api = app.CreateApiClient();
        await api.CreateBotAsync(LicenseTestKit.TelegramBot("Shop", _telegram.Url!));

        var second = await api.PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Support", _telegram.Url!));

        Assert.Equal("TooManyActiveBots", await RefusalCodeAsync(second));
        var logged = Assert.Single(await LicenseEventsAsync(app), e => e.Code == "LicenseTooManyActiveBots");
        Assert.Equal(("Support", EventLevel.Error), (logged.Subject, logged.Level));
    }

    [Fact]
    public async Task A_test_license_lets_a_second_bot_be_activated_once_the_first_is_disabled()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
        await app.InstallTestLicenseAsync();
        var api = app.CreateApiClient();
        var first = await api.CreateBotAsync(LicenseTestKit.TelegramBot("Shop", _telegram.Url!));
        var second = await api.CreateBotAsync(LicenseTestKit.TelegramBot("Support", _telegram.Url!, state: "Disabled"));

        (await api.PutJsonAsync($"/api/v1/bots/{first.GetProperty("id")}", LicenseTestKit.TelegramBot("Shop", _telegram.Url!, state: "Disabled"))).EnsureSuccessStatusCode();
        var activated = await api.PutJsonAsync($"/api/v1/bots/{second.GetProperty("id")}", LicenseTestKit.TelegramBot("Support", _telegram.Url!));

        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
    }

    [Fact]
    public async Task A_working_license_refuses_a_bot_whose_webhook_is_on_another_domain()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
        await app.InstallAsync(LicenseTestKit.WorkingKey(host: "bots.example.ru"));
        var api = app.CreateApiClient();

        var elsewhere = await api.PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!, "https://shop.example.ru/bots_unf"));
        var registered = await api.PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!, "https://BOTS.example.ru/Bots_UNF"));

        Assert.Equal("DomainMismatch", await RefusalCodeAsync(elsewhere));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    [Fact]
    public async Task A_working_license_without_a_messenger_refuses_its_bots()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
        await app.InstallAsync(LicenseTestKit.WorkingKey(messengers: [Messenger.Telegram]));

        var viber = await app.CreateApiClient().PostJsonAsync("/api/v1/bots", new
        {
            name = "Viber shop", messenger = "Viber", token = MessagePath.ViberToken, publicBaseUrl = "https://bots.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });

        Assert.Equal("MessengerNotAllowed", await RefusalCodeAsync(viber));
    }

    [Fact]
    public async Task A_license_that_expired_since_it_was_installed_refuses_activation()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense().WithFakeClock();
        await app.InstallAsync(LicenseTestKit.WorkingKey(expires: app.Clock!.GetUtcNow().AddDays(1)));

        app.Clock.Advance(TimeSpan.FromDays(2));
        var response = await app.CreateApiClient().PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!));

        Assert.Equal("Expired", await RefusalCodeAsync(response));
    }

    [Fact]
    public async Task A_license_forbidding_shared_databases_is_refused_on_a_shared_one()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense().With("Bots1C:Licensing:SharedDatabase", "true");
        await app.InstallAsync(LicenseTestKit.WorkingKey(forbidsSharedDatabase: true));

        var response = await app.CreateApiClient().PostJsonAsync("/api/v1/bots", LicenseTestKit.TelegramBot("Shop", _telegram.Url!));

        Assert.Equal("SharedDatabase", await RefusalCodeAsync(response));
    }

    [Fact]
    public async Task Registering_the_webhook_of_a_bot_on_another_domain_is_refused_before_the_messenger_is_asked()
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithoutLicense();
        await app.InstallAsync(LicenseTestKit.WorkingKey(host: null));
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(LicenseTestKit.TelegramBot("Shop", _telegram.Url!, "https://shop.example.ru/bots_unf"));
        await app.InstallAsync(LicenseTestKit.WorkingKey(host: "bots.example.ru"));

        var outcome = await (await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id")}/webhook", null)).ReadJsonAsync();

        Assert.False(outcome.GetProperty("ok").GetBoolean());
        Assert.Contains("does not match the bot's webhook", outcome.GetProperty("reason").GetString());
        Assert.DoesNotContain(_telegram.LogEntries, e => e.RequestMessage.Path.EndsWith("/setWebhook"));
        Assert.Contains(await LicenseEventsAsync(app), e => e.Code == "LicenseDomainMismatch" && e.Subject == "Shop");
    }

    public void Dispose() => _telegram.Stop();
}
