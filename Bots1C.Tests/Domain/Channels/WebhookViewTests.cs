using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Tests.Domain.Channels.Telegram;
using Bots1C.Tests.Domain.Channels.Viber;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>The messenger's own view of a bot's webhook, read for the diagnostics and the dashboard.</summary>
public sealed class WebhookViewTests : IDisposable
{
    private readonly TelegramApiFake _telegram = new();
    private readonly ViberApiFake _viber = new();
    private readonly Microsoft.Extensions.DependencyInjection.ServiceProvider _services = ChannelKit.Services();

    public void Dispose()
    {
        _telegram.Dispose();
        _viber.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Telegram_gives_the_url_the_pending_updates_and_its_last_delivery_error()
    {
        _telegram.Answers("getWebhookInfo", 200, """
            {"ok":true,"result":{"url":"https://bots.example.ru/webhooks/k1","has_custom_certificate":false,"pending_update_count":12,
             "last_error_date":1767225600,"last_error_message":"Connection timed out","max_connections":40}}
            """);

        var view = await _services.Adapter(Messenger.Telegram).ReadWebhookAsync(_telegram.Bot, CancellationToken.None);

        Assert.Equal(new WebhookView(null, "https://bots.example.ru/webhooks/k1", 12, DateTimeOffset.FromUnixTimeSeconds(1767225600), "Connection timed out"), view);
    }

    [Fact]
    public async Task Telegram_refusing_the_token_gives_the_reason_instead_of_a_view()
    {
        _telegram.Answers("getWebhookInfo", 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");

        var view = await _services.Adapter(Messenger.Telegram).ReadWebhookAsync(_telegram.Bot, CancellationToken.None);

        Assert.Equal(WebhookView.Unreadable("Unauthorized"), view);
    }

    [Fact]
    public async Task Viber_gives_the_accounts_webhook()
    {
        _viber.Answers("/pa/get_account_info", 200, """{"status":0,"status_message":"ok","id":"pa:1","name":"Shop","webhook":"https://bots.example.ru/webhooks/k2"}""");

        var view = await _services.Adapter(Messenger.Viber).ReadWebhookAsync(_viber.Bot, CancellationToken.None);

        Assert.Equal(new WebhookView(null, "https://bots.example.ru/webhooks/k2"), view);
    }

    [Fact]
    public async Task The_web_chat_has_no_messenger_to_ask() =>
        Assert.Null(await _services.Adapter(Messenger.WebChat).ReadWebhookAsync(_viber.Bot with { Messenger = Messenger.WebChat }, CancellationToken.None));
}
