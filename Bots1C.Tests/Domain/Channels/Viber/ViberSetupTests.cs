using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Viber;

/// <summary>What the bot settings page does: check the token, register the webhook.</summary>
public sealed class ViberSetupTests : IDisposable
{
    private readonly ViberApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Viber => _services.Adapter(Messenger.Viber);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_working_token_checks_Ok_with_the_accounts_name()
    {
        _api.Answers("/pa/get_account_info", 200, """{"status":0,"status_message":"ok","id":"pa:75346594275468546724","name":"Shop account","uri":"shop","webhook":"https://bots.example.ru/webhooks/viber/1"}""");

        Assert.Equal(new ConnectionCheck(true, null, "Shop account"), await Viber.CheckConnectionAsync(_api.Bot, CancellationToken.None));
        ChannelKit.SameJson("{}", Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task A_bad_token_checks_not_Ok_with_Vibers_status_message()
    {
        _api.Answers("/pa/get_account_info", 200, """{"status":2,"status_message":"invalidAuthToken"}""");

        Assert.Equal(new ConnectionCheck(false, "invalidAuthToken"), await Viber.CheckConnectionAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_checks_not_Ok_and_says_why()
    {
        var check = await Viber.CheckConnectionAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
    }

    [Fact]
    public async Task Registering_the_webhook_asks_for_the_events_we_handle_and_the_senders_name()
    {
        _api.Answers("/pa/set_webhook", 200, """{"status":0,"status_message":"ok","event_types":["delivered","seen","failed","subscribed","unsubscribed","conversation_started"]}""");

        var registration = await Viber.RegisterWebhookAsync(_api.Bot, "https://bots.example.ru/webhooks/viber/1", CancellationToken.None);

        Assert.Equal(new WebhookRegistration(true, null), registration);
        ChannelKit.SameJson("""
            {"url":"https://bots.example.ru/webhooks/viber/1",
             "event_types":["delivered","seen","failed","subscribed","unsubscribed","conversation_started"],
             "send_name":true,"send_photo":false}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task A_refused_webhook_reports_Vibers_status_message()
    {
        _api.Answers("/pa/set_webhook", 200, """{"status":1,"status_message":"invalidUrl"}""");

        Assert.Equal(new WebhookRegistration(false, "invalidUrl"), await Viber.RegisterWebhookAsync(_api.Bot, "http://x", CancellationToken.None));
    }
}
