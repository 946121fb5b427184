using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>What the bot card and the diagnostics do: check the token, register the webhook, read MAX's view of it.</summary>
public sealed class MaxSetupTests : IDisposable
{
    private const string Hook = "https://bots.example.ru/webhooks/max1";
    private readonly MaxApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Max => _services.Adapter(Messenger.Max);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_working_token_checks_Ok_with_the_bots_username()
    {
        // The official Go client's stabs/botInfo.ok.json.
        _api.Answers("GET", "/me", 200, """
            {"user_id":123123123,"first_name":"unit bot","username":"test-bot","is_bot":true,"last_activity_time":1774677196913,
             "description":"bot for testing","avatar_url":"https://localhost/i?r=hash1","full_avatar_url":"https://localhost/i?r=hash1","name":"bot name"}
            """);

        Assert.Equal(new ConnectionCheck(true, null, "@test-bot"), await Max.CheckConnectionAsync(_api.Bot, CancellationToken.None));
        Assert.Equal(MaxApiFake.Token, Assert.Single(_api.Server.Requests()).RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_refused_token_checks_not_Ok_and_says_the_token_was_refused()
    {
        _api.Answers("GET", "/me", 401, """{"code":"verify.token","message":"Invalid access_token"}""");

        var check = await Max.CheckConnectionAsync(_api.Bot, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Equal("MAX refused the bot's token (HTTP 401 verify.token: Invalid access_token): copy it again from business.max.ru.", check.Reason);
    }

    [Fact]
    public async Task A_certificate_this_server_does_not_trust_is_named_with_the_CA_to_install()
    {
        // A fake with a self-signed certificate fails the TLS handshake the way MAX's does on a server without the
        // Russian Trusted Root CA.
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var tls = WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null) },
        });
        tls.Given(Request.Create().WithPath("/me").UsingGet()).RespondWith(Response.Create().WithBody("{}"));

        var check = await Max.CheckConnectionAsync(_api.Bot with { ApiServerUrl = tls.Url }, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Contains("TLS certificate is not trusted", check.Reason);
        Assert.Contains("Russian Trusted Root CA", check.Reason);
        Assert.Empty(tls.LogEntries);
    }

    [Fact]
    public async Task A_server_not_listed_gets_nothing_and_the_check_says_which_setting_to_change()
    {
        using var strict = ChannelKit.Services(allowLoopback: false);

        var check = await strict.Adapter(Messenger.Max).CheckConnectionAsync(_api.Bot, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Contains(MessengerOptions.ApiAllowedHostsKey, check.Reason);
        Assert.Contains("platform-api2.max.ru", check.Reason);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task Registering_subscribes_the_address_with_the_bots_secret_and_the_updates_we_handle()
    {
        _api.Answers("POST", "/subscriptions", 200, """{"success":true}""");
        _api.Answers("GET", "/subscriptions", 200, $$"""{"subscriptions":[{"url":"{{Hook}}","time":1775025604499,"update_types":null}]}""");

        Assert.Equal(new WebhookRegistration(true, null), await Max.RegisterWebhookAsync(_api.Bot, Hook, CancellationToken.None));

        var post = _api.Server.Requests().First(r => r.RequestMessage.Method == "POST");
        ChannelKit.SameJson($$"""
            {"url":"{{Hook}}","update_types":["message_created","message_callback","message_edited","bot_started","bot_stopped"],"secret":"{{MaxApiFake.Secret}}"}
            """, post.JsonBody());
        Assert.DoesNotContain(_api.Server.Requests(), r => r.RequestMessage.Method == "DELETE");
    }

    [Fact]
    public async Task Registering_removes_an_address_the_bot_had_before_so_MAX_stops_posting_there()
    {
        _api.Answers("POST", "/subscriptions", 200, """{"success":true}""");
        _api.Answers("GET", "/subscriptions", 200, $$"""{"subscriptions":[{"url":"https://old.example.ru/webhooks/max1","time":1},{"url":"{{Hook}}","time":2}]}""");
        _api.Answers("DELETE", "/subscriptions", 200, """{"success":true}""");

        Assert.True((await Max.RegisterWebhookAsync(_api.Bot, Hook, CancellationToken.None)).Ok);

        var delete = Assert.Single(_api.Server.Requests(), r => r.RequestMessage.Method == "DELETE");
        Assert.Equal("https://old.example.ru/webhooks/max1", delete.RequestMessage.Query!["url"].Single());
    }

    [Fact]
    public async Task A_subscription_MAX_does_not_take_reports_MAXs_message()
    {
        _api.Answers("POST", "/subscriptions", 200, """{"success":false,"message":"url must start with https://"}""");

        Assert.Equal(new WebhookRegistration(false, "url must start with https://"), await Max.RegisterWebhookAsync(_api.Bot, "http://x", CancellationToken.None));
    }

    [Fact]
    public async Task A_bot_without_a_webhook_secret_is_not_registered()
    {
        var registration = await Max.RegisterWebhookAsync(_api.Bot with { WebhookSecret = null }, Hook, CancellationToken.None);

        Assert.Equal(new WebhookRegistration(false, "The bot has no webhook secret"), registration);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task MAXs_view_of_the_webhook_is_the_address_it_posts_to()
    {
        _api.Answers("GET", "/subscriptions", 200, $$"""{"subscriptions":[{"url":"{{Hook}}","time":1775025604499,"update_types":["message_created"]}]}""");

        Assert.Equal(new WebhookView(null, Hook), await Max.ReadWebhookAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_subscription_MAXs_view_has_no_address()
    {
        _api.Answers("GET", "/subscriptions", 200, """{"subscriptions":[]}""");

        Assert.Equal(new WebhookView(null, null), await Max.ReadWebhookAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_leaves_MAXs_view_unreadable_with_the_reason()
    {
        var view = await Max.ReadWebhookAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, CancellationToken.None);

        Assert.False(view!.Ok);
        Assert.False(string.IsNullOrWhiteSpace(view.Failure));
    }
}
