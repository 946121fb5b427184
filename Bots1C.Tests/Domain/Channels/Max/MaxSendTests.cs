using System.Diagnostics;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Domain.Channels.Max;

public sealed class MaxSendTests : IDisposable
{
    private const string User = "123456789";
    private readonly MaxApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Max => _services.Adapter(Messenger.Max);

    private Task<SendResult> Send(OutgoingMessage message) => Max.SendAsync(_api.Bot, message, CancellationToken.None);

    private WireMock.Logging.ILogEntry[] Calls(string path) => [.. _api.Server.Requests().Where(r => r.RequestMessage.Path == path)];

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_text_goes_to_the_persons_dialog_with_the_raw_token_in_the_Authorization_header()
    {
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0001"));

        var result = await Send(new OutgoingMessage(User, "Здравствуйте!"));

        Assert.Equal(SendResult.Sent("mid.0001"), result);
        var request = Assert.Single(_api.Server.Requests()).RequestMessage;
        Assert.Equal(MaxApiFake.Token, request.Headers!["Authorization"].Single());
        Assert.Equal("?user_id=123456789", new Uri(request.Url).Query);
        Assert.DoesNotContain(MaxApiFake.Token, request.Url);
        ChannelKit.SameJson("""{"text":"Здравствуйте!"}""", Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task Buttons_are_one_inline_keyboard_one_button_a_row_in_MAXs_own_kinds()
    {
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0002"));

        await Send(new OutgoingMessage(User, "Choose:")
        {
            Buttons =
            [
                new Button(ButtonKind.Callback, "Prices", "s1:m1:b1"), new Button(ButtonKind.Reply, "Later"),
                new Button(ButtonKind.OpenUrl, "Site", "https://example.ru"), new Button(ButtonKind.SharePhone, "Send my number"),
            ],
        });

        ChannelKit.SameJson("""
            {"text":"Choose:","attachments":[{"type":"inline_keyboard","payload":{"buttons":[
              [{"type":"callback","text":"Prices","payload":"s1:m1:b1"}],
              [{"type":"message","text":"Later"}],
              [{"type":"link","text":"Site","url":"https://example.ru"}],
              [{"type":"request_contact","text":"Send my number"}]]}}]}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task More_buttons_than_30_rows_are_packed_within_MAXs_row_limits()
    {
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0003"));
        var buttons = Enumerable.Range(1, 40).Select(i => new Button(ButtonKind.Callback, $"B{i}", $"p{i}"))
            .Append(new Button(ButtonKind.OpenUrl, "Site", "https://example.ru")).ToList();

        await Send(new OutgoingMessage(User, "Many") { Buttons = buttons });

        var rows = Assert.Single(_api.Server.Requests()).JsonBody()!["attachments"]![0]!["payload"]!["buttons"]!.AsArray();
        Assert.True(rows.Count <= 30);
        Assert.All(rows, row => Assert.True(row!.AsArray().Count <= (row.AsArray().Any(b => (string?)b!["type"] == "link") ? 3 : 7)));
        Assert.Equal(41, rows.Sum(r => r!.AsArray().Count));
    }

    [Fact]
    public async Task A_text_longer_than_MAX_takes_goes_as_two_messages_with_the_buttons_on_the_last()
    {
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0004"));
        var text = string.Join(' ', Enumerable.Repeat("слово", 900)); // 5399 characters

        var result = await Send(new OutgoingMessage(User, text) { Buttons = [new Button(ButtonKind.Reply, "OK")] });

        Assert.Equal(SendResult.Sent("mid.0004"), result);
        var bodies = _api.Server.Requests().Select(r => r.JsonBody()!).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.True(((string)bodies[0]["text"]!).Length <= 4000);
        Assert.Equal(text, (string)bodies[0]["text"]! + (string)bodies[1]["text"]!);
        Assert.Null(bodies[0]["attachments"]);
        Assert.NotNull(bodies[1]["attachments"]);
    }

    [Fact]
    public async Task A_group_chat_is_addressed_by_its_chat_id()
    {
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0005"));

        await Send(new OutgoingMessage("chat:-70801090403050", "Hi"));

        Assert.Equal("?chat_id=-70801090403050", new Uri(Assert.Single(_api.Server.Requests()).RequestMessage.Url).Query);
    }

    [Fact]
    public async Task A_press_is_answered_on_answers_with_its_callback_id_and_an_empty_answer()
    {
        _api.Answers("POST", "/answers", 200, """{"success":true}""");

        var result = await Send(new OutgoingMessage(User, null) { CallbackAnswerId = "f9LH-cb_1" });

        Assert.Equal(SendResult.Sent(null), result);
        var request = Assert.Single(_api.Server.Requests());
        Assert.Equal("?callback_id=f9LH-cb_1", new Uri(request.RequestMessage.Url).Query);
        ChannelKit.SameJson("{}", request.JsonBody());
    }

    private void UploadsAnswer()
    {
        _api.Answers("POST", "/uploads", 200, $$"""{"url":"{{_api.Server.Url}}/upload?id=1"}""");
        _api.Answers("POST", "/upload", 200, """{"token":"tok-7001"}""");
    }

    [Fact]
    public async Task A_file_is_uploaded_as_data_then_sent_by_its_token_with_the_text_as_caption()
    {
        UploadsAnswer();
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0006"));
        var content = "%PDF-1.7 act 7"u8.ToArray();

        var result = await Send(new OutgoingMessage(User, "Акт №7") { File = new OutgoingFile("act-7.pdf", "application/pdf", content, null) });

        Assert.Equal(SendResult.Sent("mid.0006"), result);
        Assert.Equal("?type=file", new Uri(Assert.Single(Calls("/uploads")).RequestMessage.Url).Query);
        var upload = Assert.Single(Calls("/upload"));
        // The upload address is MAX's media server: the token is not sent there.
        Assert.False(upload.RequestMessage.Headers!.ContainsKey("Authorization"));
        var part = Assert.Single(await upload.FormParts());
        Assert.Equal(("data", "act-7.pdf"), (part.Name, part.FileName));
        Assert.Equal(content, part.Content);
        ChannelKit.SameJson("""{"text":"Акт №7","attachments":[{"type":"file","payload":{"token":"tok-7001"}}]}""", Assert.Single(Calls("/messages")).JsonBody());
    }

    [Fact]
    public async Task A_file_with_buttons_goes_alone_and_the_text_follows_with_the_keyboard()
    {
        // A file must be a message's only attachment.
        UploadsAnswer();
        _api.Answers("POST", "/messages", 200, MaxApiFake.Sent("mid.0007"));

        await Send(new OutgoingMessage(User, "Your invoice") { File = new OutgoingFile("inv.pdf", "application/pdf", [1, 2], null), Buttons = [new Button(ButtonKind.Callback, "Pay", "pay")] });

        var bodies = Calls("/messages").Select(c => c.JsonBody()).ToList();
        Assert.Equal(2, bodies.Count);
        ChannelKit.SameJson("""{"attachments":[{"type":"file","payload":{"token":"tok-7001"}}]}""", bodies[0]);
        ChannelKit.SameJson("""
            {"text":"Your invoice","attachments":[{"type":"inline_keyboard","payload":{"buttons":[[{"type":"callback","text":"Pay","payload":"pay"}]]}}]}
            """, bodies[1]);
    }

    [Fact]
    public async Task A_file_MAX_is_still_processing_is_sent_again_after_a_short_wait()
    {
        UploadsAnswer();
        _api.Server.Given(Request.Create().WithPath("/messages").UsingPost()).InScenario("processing").WillSetStateTo("ready")
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"attachment.not.ready","message":""}"""));
        _api.Server.Given(Request.Create().WithPath("/messages").UsingPost()).InScenario("processing").WhenStateIs("ready")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(MaxApiFake.Sent("mid.0008")));

        var result = await Send(new OutgoingMessage(User, null) { File = new OutgoingFile("a.pdf", "application/pdf", [1], null) });

        Assert.Equal(SendResult.Sent("mid.0008"), result);
        Assert.Equal(2, Calls("/messages").Length);
    }

    [Fact]
    public async Task A_file_MAX_is_not_ready_for_within_five_seconds_is_Transient_for_the_outbox_to_retry()
    {
        UploadsAnswer();
        _api.Answers("POST", "/messages", 400, """{"code":"attachment.not.ready","message":""}""");
        var clock = Stopwatch.StartNew();

        var result = await Send(new OutgoingMessage(User, null) { File = new OutgoingFile("a.pdf", "application/pdf", [1], null) });

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal(5, Calls("/messages").Length);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Http_429_is_RateLimited_for_the_Retry_After_it_names()
    {
        _api.Answers("POST", "/messages", 429, """{"code":"too.many.requests","message":"Too many requests"}""", retryAfter: "5");

        Assert.Equal(SendResult.RateLimited(TimeSpan.FromSeconds(5), "HTTP 429 too.many.requests: Too many requests"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task Http_429_without_Retry_After_waits_a_second()
    {
        _api.Answers("POST", "/messages", 429, "{}");

        Assert.Equal(TimeSpan.FromSeconds(1), (await Send(new OutgoingMessage(User, "Hi"))).RetryAfter);
    }

    [Fact]
    public async Task A_person_who_stopped_the_bot_is_Blocked_with_MAXs_words()
    {
        _api.Answers("POST", "/messages", 403, """{"code":"chat.denied","message":"user suspended bot"}""");

        Assert.Equal(SendResult.Blocked("HTTP 403 chat.denied: user suspended bot"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task A_refused_token_is_Failed_and_says_so()
    {
        _api.Answers("POST", "/messages", 401, """{"code":"verify.token","message":"Invalid access_token"}""");

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("refused the bot's token", result.Reason);
        Assert.Contains("Invalid access_token", result.Reason);
    }

    [Fact]
    public async Task Any_other_refusal_is_Failed_with_MAXs_words()
    {
        _api.Answers("POST", "/messages", 400, """{"code":"proto.payload","message":"text: size must be between 0 and 4000"}""");

        Assert.Equal(SendResult.Failed("HTTP 400 proto.payload: text: size must be between 0 and 4000"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task A_server_error_is_Transient()
    {
        _api.Answers("POST", "/messages", 503, "<html>Service Unavailable</html>");

        Assert.Equal(SendResult.Transient("HTTP 503"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task An_unreachable_server_is_Transient()
    {
        var result = await Max.SendAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, new OutgoingMessage(User, "Hi"), CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }
}
