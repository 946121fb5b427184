using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Viber;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.Viber;

public sealed class ViberSendTests : IDisposable
{
    private const string User = "01234567890A=";
    private const string Accepted = """{"status":0,"status_message":"ok","message_token":5741311803571721087,"chat_hostname":"SN-CHAT-15_"}""";
    private readonly ViberApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Viber => _services.Adapter(Messenger.Viber);

    private Task<SendResult> Send(OutgoingMessage message, IChannelAdapter? adapter = null) =>
        (adapter ?? Viber).SendAsync(_api.Bot, message, CancellationToken.None);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_text_is_send_message_with_the_token_header_and_our_tracking_id()
    {
        _api.Answers("/pa/send_message", 200, Accepted);

        var result = await Send(new OutgoingMessage(User, "Здравствуйте!") { TrackingId = "out-17" });

        // The token keeps every digit: it is how Viber's delivery reports will name this message.
        Assert.Equal(SendResult.Sent("5741311803571721087"), result);
        var request = Assert.Single(_api.Server.Requests());
        Assert.Equal(ViberApiFake.Token, request.RequestMessage.Headers![ViberAdapter.AuthHeader].Single());
        ChannelKit.SameJson($$"""
            {"receiver":"{{User}}","min_api_version":1,"sender":{"name":"Shop"},"type":"text","text":"Здравствуйте!","tracking_data":"out-17"}
            """, request.JsonBody());
    }

    [Fact]
    public async Task The_sender_name_is_cut_to_Vibers_28_characters()
    {
        _api.Answers("/pa/send_message", 200, Accepted);

        var bot = _api.Bot with { Name = "ООО Ромашка: отдел продаж и доставки" };
        await Viber.SendAsync(bot, new OutgoingMessage(User, "Hi"), CancellationToken.None);

        Assert.Equal("ООО Ромашка: отдел продаж и ", Assert.Single(_api.Server.Requests()).JsonBody()!["sender"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_share_phone_button_is_a_keyboard_that_needs_api_version_3()
    {
        _api.Answers("/pa/send_message", 200, Accepted);

        await Send(new OutgoingMessage(User, "Share your phone")
        {
            Buttons = [new Button(ButtonKind.SharePhone, "Send my number"), new Button(ButtonKind.Reply, "Later", "later"), new Button(ButtonKind.OpenUrl, "Site", "https://example.ru")],
        });

        ChannelKit.SameJson($$"""
            {"receiver":"{{User}}","min_api_version":3,"sender":{"name":"Shop"},"type":"text","text":"Share your phone",
             "keyboard":{"Type":"keyboard","Buttons":[
               {"ActionType":"share-phone","ActionBody":"Send my number","Text":"Send my number"},
               {"ActionType":"reply","ActionBody":"later","Text":"Later"},
               {"ActionType":"open-url","ActionBody":"https://example.ru","Text":"Site"}]} }
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task A_callback_button_becomes_a_silent_reply_button_that_sends_its_payload_as_text()
    {
        // Viber has no callback buttons: the press comes back as a text message whose text is the payload.
        _api.Answers("/pa/send_message", 200, Accepted);

        await Send(new OutgoingMessage(User, "Invoice INV-42") { Buttons = [new Button(ButtonKind.Callback, "Pay", "pay:INV-42")] });

        ChannelKit.SameJson("""{"Type":"keyboard","Buttons":[{"ActionType":"reply","ActionBody":"pay:INV-42","Text":"Pay","Silent":true}]}""",
            Assert.Single(_api.Server.Requests()).JsonBody()!["keyboard"]);
    }

    [Fact]
    public async Task A_file_is_sent_as_its_public_url_for_Viber_to_fetch()
    {
        _api.Answers("/pa/send_message", 200, Accepted);

        await Send(new OutgoingMessage(User, null) { File = new OutgoingFile("invoice-42.pdf", "application/pdf", new byte[536392], "https://bots.example.ru/files/9f2c/invoice-42.pdf") });

        ChannelKit.SameJson($$"""
            {"receiver":"{{User}}","min_api_version":1,"sender":{"name":"Shop"},"type":"file",
             "media":"https://bots.example.ru/files/9f2c/invoice-42.pdf","size":536392,"file_name":"invoice-42.pdf"}
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task A_file_without_a_public_url_fails_without_asking_Viber()
    {
        var result = await Send(new OutgoingMessage(User, null) { File = new OutgoingFile("a.pdf", "application/pdf", [1], null) });

        Assert.Equal(SendResult.Failed("Viber needs a public URL for files"), result);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task Status_12_too_many_requests_is_RateLimited_for_a_second_after_one_request()
    {
        _api.Answers("/pa/send_message", 200, """{"status":12,"status_message":"tooManyRequests"}""");

        Assert.Equal(SendResult.RateLimited(TimeSpan.FromSeconds(1), "tooManyRequests"), await Send(new OutgoingMessage(User, "Hi")));
        Assert.Single(_api.Server.Requests());
    }

    [Fact]
    public async Task Http_429_is_RateLimited_for_the_Retry_After_it_names()
    {
        _api.Answers("/pa/send_message", 429, "{}", retryAfter: "5");

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal(SendOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
    }

    [Theory]
    [InlineData(5, "receiverNotRegistered")]
    [InlineData(6, "receiverNotSubscribed")]
    public async Task A_receiver_out_of_reach_is_Blocked_with_Vibers_words(int status, string message)
    {
        _api.Answers("/pa/send_message", 200, $$"""{"status":{{status}},"status_message":"{{message}}"}""");

        Assert.Equal(SendResult.Blocked(message), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task Any_other_refusal_is_Failed_with_Vibers_words()
    {
        _api.Answers("/pa/send_message", 200, """{"status":3,"status_message":"badData"}""");

        Assert.Equal(SendResult.Failed("badData"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task A_server_error_is_Transient()
    {
        _api.Answers("/pa/send_message", 503, "<html>Service Unavailable</html>");

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Fact]
    public async Task An_answer_slower_than_the_client_timeout_is_Transient()
    {
        _api.Answers("/pa/send_message", 200, Accepted, delay: TimeSpan.FromSeconds(3));
        using var impatient = ChannelKit.Services(s => s.AddHttpClient(ViberAdapter.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(300)));

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"), impatient.Adapter(Messenger.Viber))).Outcome);
    }

    [Fact]
    public async Task An_unreachable_server_is_Transient()
    {
        var result = await Viber.SendAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, new OutgoingMessage(User, "Hi"), CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task Our_own_cancellation_is_not_mistaken_for_a_timeout()
    {
        _api.Answers("/pa/send_message", 200, Accepted, delay: TimeSpan.FromSeconds(3));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Viber.SendAsync(_api.Bot, new OutgoingMessage(User, "Hi"), stop.Token));
    }
}
