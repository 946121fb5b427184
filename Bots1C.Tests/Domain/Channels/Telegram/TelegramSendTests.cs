using System.Diagnostics;
using System.Net;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Telegram;

public sealed class TelegramSendTests : IDisposable
{
    private readonly TelegramApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Telegram => _services.Adapter(Messenger.Telegram);

    private Task<SendResult> Send(OutgoingMessage message, IChannelAdapter? adapter = null) =>
        (adapter ?? Telegram).SendAsync(_api.Bot, message, CancellationToken.None);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_text_is_sendMessage_to_the_numeric_chat_and_Telegrams_message_id_comes_back()
    {
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage);

        var result = await Send(new OutgoingMessage("1111111", "Здравствуйте!"));

        Assert.Equal(SendResult.Sent("4242"), result);
        ChannelKit.SameJson("""{"chat_id":1111111,"text":"Здравствуйте!"}""", Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task Reply_and_share_phone_buttons_become_a_one_time_reply_keyboard_one_button_per_row()
    {
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage);

        await Send(new OutgoingMessage("1111111", "Share your phone")
        {
            Buttons = [new Button(ButtonKind.SharePhone, "Send my number"), new Button(ButtonKind.Reply, "Later")],
        });

        ChannelKit.SameJson("""
            {"chat_id":1111111,"text":"Share your phone","reply_markup":{
              "keyboard":[[{"text":"Send my number","request_contact":true}],[{"text":"Later"}]],
              "resize_keyboard":true,"one_time_keyboard":true}}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task Callback_and_url_buttons_become_an_inline_keyboard()
    {
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage);

        await Send(new OutgoingMessage("1111111", "Invoice INV-42")
        {
            Buttons = [new Button(ButtonKind.Callback, "Pay", "pay:INV-42"), new Button(ButtonKind.OpenUrl, "Open", "https://example.ru/inv/42")],
        });

        ChannelKit.SameJson("""
            {"chat_id":1111111,"text":"Invoice INV-42","reply_markup":{"inline_keyboard":[
              [{"text":"Pay","callback_data":"pay:INV-42"}],[{"text":"Open","url":"https://example.ru/inv/42"}]]}}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task When_a_message_mixes_button_kinds_the_reply_keyboard_wins()
    {
        // One Telegram message carries one keyboard; the reply keyboard is the one that can ask for the phone.
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage);

        await Send(new OutgoingMessage("1111111", "Choose") { Buttons = [new Button(ButtonKind.Callback, "Pay", "pay"), new Button(ButtonKind.SharePhone, "Send my number")] });

        ChannelKit.SameJson("""{"keyboard":[[{"text":"Send my number","request_contact":true}]],"resize_keyboard":true,"one_time_keyboard":true}""",
            Assert.Single(_api.Server.Requests()).JsonBody()!["reply_markup"]);
    }

    [Fact]
    public async Task A_file_is_uploaded_with_sendDocument_as_multipart_under_its_name_with_the_text_as_caption()
    {
        _api.Answers("sendDocument", 200, TelegramApiFake.SentMessage);
        var pdf = "%PDF-1.7 invoice"u8.ToArray();

        var result = await Send(new OutgoingMessage("1111111", "Your invoice") { File = new OutgoingFile("invoice-42.pdf", "application/pdf", pdf, null) });

        Assert.Equal(SendResult.Sent("4242"), result);
        var parts = await Assert.Single(_api.Server.Requests()).FormParts();
        Assert.Equal("1111111", parts.Single(p => p.Name == "chat_id").Text);
        Assert.Equal("Your invoice", parts.Single(p => p.Name == "caption").Text);
        // The document field points at the uploaded part, which carries the file's name and bytes unchanged.
        var attached = parts.Single(p => p.Name == "document").Text;
        Assert.StartsWith("attach://", attached);
        var upload = parts.Single(p => p.Name == attached["attach://".Length..]);
        Assert.Equal("invoice-42.pdf", upload.FileName);
        Assert.Equal(pdf, upload.Content);
    }

    [Fact]
    public async Task A_caption_longer_than_Telegram_allows_is_cut_to_1024_characters()
    {
        _api.Answers("sendDocument", 200, TelegramApiFake.SentMessage);

        await Send(new OutgoingMessage("1111111", new string('я', 1023) + "😀tail") { File = new OutgoingFile("a.txt", "text/plain", [1], null) });

        var caption = (await Assert.Single(_api.Server.Requests()).FormParts()).Single(p => p.Name == "caption").Text;
        // The emoji straddles the limit: it goes whole, never half a surrogate pair.
        Assert.Equal(new string('я', 1023), caption);
    }

    [Fact]
    public async Task An_answer_to_a_button_press_is_answerCallbackQuery_and_nothing_else()
    {
        _api.Answers("answerCallbackQuery", 200, """{"ok":true,"result":true}""");

        var result = await Send(new OutgoingMessage("1111111", null) { CallbackAnswerId = "4382bfdwdsb323b2d9" });

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var request = Assert.Single(_api.Server.Requests()).RequestMessage;
        Assert.Equal($"/bot{TelegramApiFake.Token}/answerCallbackQuery", request.Path);
        ChannelKit.SameJson("""{"callback_query_id":"4382bfdwdsb323b2d9"}""", Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task Too_many_requests_is_RateLimited_for_retry_after_with_exactly_one_request_and_no_sleep()
    {
        _api.Answers("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}""");
        var clock = Stopwatch.StartNew();

        var result = await Send(new OutgoingMessage("1111111", "Hi"));

        Assert.Equal(SendOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        // Telegram.Bot would otherwise wait the 7 s itself and ask again; the outbox must be the only one waiting.
        Assert.Single(_api.Server.Requests());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_Blocked_with_Telegrams_words()
    {
        _api.Answers("sendMessage", 403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""");

        Assert.Equal(SendResult.Blocked("Forbidden: bot was blocked by the user"), await Send(new OutgoingMessage("1111111", "Hi")));
    }

    [Fact]
    public async Task A_refused_request_is_Failed_with_Telegrams_description()
    {
        _api.Answers("sendMessage", 400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");

        Assert.Equal(SendResult.Failed("Bad Request: chat not found"), await Send(new OutgoingMessage("1111111", "Hi")));
    }

    [Fact]
    public async Task A_server_error_is_Transient()
    {
        _api.Answers("sendMessage", 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage("1111111", "Hi"))).Outcome);
    }

    [Fact]
    public async Task A_gateway_error_page_instead_of_JSON_is_Transient()
    {
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(HttpStatusCode.BadGateway).WithBody("<html>502 Bad Gateway</html>"));

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage("1111111", "Hi"))).Outcome);
    }

    [Fact]
    public async Task An_answer_slower_than_the_client_timeout_is_Transient()
    {
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage, delay: TimeSpan.FromSeconds(3));
        using var impatient = ChannelKit.Services(s => s.AddHttpClient(TelegramAdapter.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(300)));

        var result = await Send(new OutgoingMessage("1111111", "Hi"), impatient.Adapter(Messenger.Telegram));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task An_unreachable_server_is_Transient()
    {
        var bot = _api.Bot with { ApiServerUrl = "http://127.0.0.1:1" };

        var result = await Telegram.SendAsync(bot, new OutgoingMessage("1111111", "Hi"), CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task Our_own_cancellation_is_not_mistaken_for_a_timeout()
    {
        _api.Answers("sendMessage", 200, TelegramApiFake.SentMessage, delay: TimeSpan.FromSeconds(3));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Shutting down is not the messenger's fault: it must not count as a failed attempt.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Telegram.SendAsync(_api.Bot, new OutgoingMessage("1111111", "Hi"), stop.Token));
    }

    [Fact]
    public async Task A_malformed_token_fails_without_a_request_and_without_quoting_it()
    {
        var result = await Telegram.SendAsync(_api.Bot with { Token = "not-a-token" }, new OutgoingMessage("1111111", "Hi"), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.DoesNotContain("not-a-token", result.Reason);
        Assert.Empty(_api.Server.Requests());
    }
}
