using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Telegram;

/// <summary>What the bot settings page does: check the token, register the webhook.</summary>
public sealed class TelegramSetupTests : IDisposable
{
    private readonly TelegramApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Telegram => _services.Adapter(Messenger.Telegram);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_working_token_checks_Ok_with_the_bots_username()
    {
        _api.Answers("getMe", 200, """{"ok":true,"result":{"id":7000000,"is_bot":true,"first_name":"Shop bot","username":"shop_bot"}}""");

        Assert.Equal(new ConnectionCheck(true, null, "@shop_bot"), await Telegram.CheckConnectionAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_token_checks_not_Ok_with_Telegrams_description()
    {
        _api.Answers("getMe", 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");

        Assert.Equal(new ConnectionCheck(false, "Unauthorized"), await Telegram.CheckConnectionAsync(_api.Bot, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_checks_not_Ok_and_says_why()
    {
        var check = await Telegram.CheckConnectionAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
    }

    [Fact]
    public async Task Registering_the_webhook_sends_the_url_the_secret_and_the_four_update_kinds_we_handle()
    {
        _api.Answers("setWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was set"}""");

        var registration = await Telegram.RegisterWebhookAsync(_api.Bot, "https://bots.example.ru/webhooks/telegram/1", CancellationToken.None);

        Assert.Equal(new WebhookRegistration(true, null), registration);
        ChannelKit.SameJson("""
            {"url":"https://bots.example.ru/webhooks/telegram/1","secret_token":"s3cret_for-bot-1",
             "allowed_updates":["message","edited_message","callback_query","my_chat_member"]}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task A_refused_webhook_reports_Telegrams_description()
    {
        _api.Answers("setWebhook", 400, """{"ok":false,"error_code":400,"description":"Bad Request: bad webhook: HTTPS url must be provided for webhook"}""");

        var registration = await Telegram.RegisterWebhookAsync(_api.Bot, "http://bots.example.ru/webhooks/telegram/1", CancellationToken.None);

        Assert.Equal(new WebhookRegistration(false, "Bad Request: bad webhook: HTTPS url must be provided for webhook"), registration);
    }

    [Fact]
    public async Task A_bot_without_a_secret_is_not_registered_because_its_updates_would_all_be_refused()
    {
        var registration = await Telegram.RegisterWebhookAsync(_api.Bot with { WebhookSecret = null }, "https://bots.example.ru/webhooks/telegram/1", CancellationToken.None);

        Assert.False(registration.Ok);
        Assert.Empty(_api.Server.Requests());
    }
}
