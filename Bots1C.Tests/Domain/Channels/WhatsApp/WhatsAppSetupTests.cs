using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.WhatsApp;
using Bots1C.Domain.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.WhatsApp;

/// <summary>Connection check, the webhook set in Meta's dashboard, and customers' media fetched from Meta's media host.</summary>
public sealed class WhatsAppSetupTests : IDisposable
{
    private readonly WhatsAppApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter WhatsApp => _services.Adapter(Messenger.WhatsApp);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_check_reads_the_phone_numbers_verified_name_and_number()
    {
        _api.Answers(WhatsAppApiFake.Path(WhatsAppApiFake.PhoneNumberId), 200,
            """{"verified_name":"Romashka LLC","display_phone_number":"+7 495 123-45-67","id":"106540352242922"}""", get: true);

        var check = await WhatsApp.CheckConnectionAsync(_api.Bot, CancellationToken.None);

        Assert.Equal(new ConnectionCheck(true, null, "Romashka LLC (+7 495 123-45-67)"), check);
        var request = Assert.Single(_api.Server.Requests()).RequestMessage;
        Assert.EndsWith($"/{WhatsAppAdapter.GraphVersion}/{WhatsAppApiFake.PhoneNumberId}?fields=display_phone_number,verified_name", request.Url);
        Assert.Equal($"Bearer {WhatsAppApiFake.Token}", request.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_refused_token_fails_the_check_with_Metas_words()
    {
        _api.Answers(WhatsAppApiFake.Path(WhatsAppApiFake.PhoneNumberId), 401, WhatsAppApiFake.Error(190, "Invalid OAuth access token."), get: true);

        var check = await WhatsApp.CheckConnectionAsync(_api.Bot, CancellationToken.None);

        Assert.False(check.Ok);
        Assert.Contains("Invalid OAuth access token.", check.Reason);
    }

    [Fact]
    public async Task The_webhook_is_not_registered_by_API_and_the_answer_says_where_to_set_it()
    {
        var registration = await WhatsApp.RegisterWebhookAsync(_api.Bot, "https://bot.example.ru/bots_unf/webhooks/k", CancellationToken.None);

        Assert.False(registration.Ok);
        Assert.Contains("Meta app's dashboard", registration.Reason);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task Metas_view_of_the_webhook_cannot_be_read_with_the_bots_token() =>
        Assert.Null(await WhatsApp.ReadWebhookAsync(_api.Bot, CancellationToken.None));

    [Fact]
    public async Task A_customers_file_is_its_media_url_fetched_with_the_token()
    {
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 act 7");
        _api.Answers(WhatsAppApiFake.Path("1003383421387256"), 200,
            $$"""{"messaging_product":"whatsapp","url":"{{_api.Server.Url}}/whatsapp_business/attachments/?mid=1003383421387256","mime_type":"application/pdf","sha256":"x","file_size":{{content.Length}},"id":"1003383421387256"}""", get: true);
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/whatsapp_business/attachments/").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/pdf").WithBody(content));

        var result = await WhatsApp.DownloadAsync(_api.Bot, "1003383421387256", CancellationToken.None);

        Assert.True(result.Ok, result.Reason);
        using var copy = new MemoryStream();
        await result.Content!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal("application/pdf", result.ContentType);
        Assert.All(_api.Server.Requests(), r => Assert.Equal($"Bearer {WhatsAppApiFake.Token}", r.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task A_media_url_on_another_host_never_gets_the_token()
    {
        // The fake names an address that is neither Meta's media host nor listed: refused by name, before any connection.
        _api.Answers(WhatsAppApiFake.Path("1003383421387256"), 200,
            """{"url":"https://files.example.com/steal?mid=1","mime_type":"application/pdf","id":"1003383421387256"}""", get: true);

        var result = await WhatsApp.DownloadAsync(_api.Bot, "1003383421387256", CancellationToken.None);

        Assert.Equal(DownloadFailure.Unreachable, result.Failure);
        Assert.Contains("not Meta's media host", result.Reason);
        Assert.Single(_api.Server.Requests());
    }

    [Theory]
    [InlineData("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1", true)]
    [InlineData("https://LOOKASIDE.FBSBX.COM./x", true)]
    [InlineData("https://lookaside.fbsbx.com.evil.example/x", false)]
    [InlineData("https://graph.facebook.com/x", false)]
    [InlineData("http://10.0.0.5/x", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    public void Only_Metas_media_host_is_allowed_unless_listed(string url, bool allowed) =>
        Assert.Equal(allowed, WhatsAppMediaHostCheck.Refusal(new Uri(url), OutboundAllowList.Empty("test")) is null);

    [Fact]
    public async Task A_media_id_WhatsApp_no_longer_has_is_Gone()
    {
        _api.Answers(WhatsAppApiFake.Path("1003383421387256"), 400, WhatsAppApiFake.Error(100, "Unsupported get request."), get: true);
        Assert.Equal(DownloadFailure.Gone, (await WhatsApp.DownloadAsync(_api.Bot, "1003383421387256", CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task A_file_id_that_is_not_a_media_id_is_not_asked_for()
    {
        Assert.Equal(DownloadFailure.Gone, (await WhatsApp.DownloadAsync(_api.Bot, "../../me", CancellationToken.None)).Failure);
        Assert.Empty(_api.Server.Requests());
    }
}
