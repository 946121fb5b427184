using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.WhatsApp;

public sealed class WhatsAppSendTests : IDisposable
{
    private const string User = "16505551234";
    private static readonly string Messages = WhatsAppApiFake.Path($"{WhatsAppApiFake.PhoneNumberId}/messages");
    private static readonly string Media = WhatsAppApiFake.Path($"{WhatsAppApiFake.PhoneNumberId}/media");
    private readonly WhatsAppApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter WhatsApp => _services.Adapter(Messenger.WhatsApp);

    private Task<SendResult> Send(OutgoingMessage message, IChannelAdapter? adapter = null) =>
        (adapter ?? WhatsApp).SendAsync(_api.Bot, message, CancellationToken.None);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_text_goes_to_the_phone_numbers_messages_with_the_bearer_token_and_our_tracking_id()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        var result = await Send(new OutgoingMessage(User, "Здравствуйте!") { TrackingId = "out-17" });

        Assert.Equal(SendResult.Sent("wamid.SENT0001"), result);
        var request = Assert.Single(_api.Server.Requests());
        Assert.Equal($"Bearer {WhatsAppApiFake.Token}", request.RequestMessage.Headers!["Authorization"].Single());
        Assert.DoesNotContain(WhatsAppApiFake.Token, request.RequestMessage.Url);
        ChannelKit.SameJson($$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"{{User}}","type":"text",
             "text":{"preview_url":false,"body":"Здравствуйте!"},"biz_opaque_callback_data":"out-17"}
            """, request.JsonBody());
    }

    [Fact]
    public async Task Up_to_three_choices_are_reply_buttons_with_titles_cut_to_20_characters()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        await Send(new OutgoingMessage(User, "Choose:")
        {
            Buttons = [new Button(ButtonKind.Callback, "Prices", "s12:m1:b1"), new Button(ButtonKind.Reply, "Talk to a person right now"), new Button(ButtonKind.SharePhone, "Share my phone")],
        });

        ChannelKit.SameJson($$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"{{User}}","type":"interactive",
             "interactive":{"type":"button","body":{"text":"Choose:"},"action":{"buttons":[
               {"type":"reply","reply":{"id":"s12:m1:b1","title":"Prices"} },
               {"type":"reply","reply":{"id":"Talk to a person right now","title":"Talk to a person rig"} },
               {"type":"reply","reply":{"id":"bots1c:share-phone","title":"Share my phone"} }]} } }
            """, Assert.Single(_api.Server.Requests()).JsonBody());
    }

    [Fact]
    public async Task Four_to_ten_choices_are_a_list_with_rows_cut_to_24_characters()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        await Send(new OutgoingMessage(User, "Which city?")
        {
            Buttons = [.. new[] { "Moscow", "Saint Petersburg and the region", "Kazan", "Tver" }.Select((c, i) => new Button(ButtonKind.Callback, c, $"s1:m1:b{i}"))],
        });

        ChannelKit.SameJson("""
            {"type":"list","body":{"text":"Which city?"},"action":{"button":"Choose","sections":[{"rows":[
              {"id":"s1:m1:b0","title":"Moscow"},{"id":"s1:m1:b1","title":"Saint Petersburg and the"},
              {"id":"s1:m1:b2","title":"Kazan"},{"id":"s1:m1:b3","title":"Tver"}]}]}}
            """, Assert.Single(_api.Server.Requests()).JsonBody()!["interactive"]);
    }

    [Fact]
    public async Task More_than_ten_choices_are_refused_rather_than_dropped()
    {
        var result = await Send(new OutgoingMessage(User, "Pick") { Buttons = [.. Enumerable.Range(1, 11).Select(i => new Button(ButtonKind.Callback, $"#{i}", $"b{i}"))] });

        Assert.Equal(SendResult.Failed("WhatsApp shows at most 10 choices in one message; this one has 11"), result);
        Assert.Empty(_api.Server.Requests());
    }

    [Fact]
    public async Task One_link_alone_is_a_call_to_action_button()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        await Send(new OutgoingMessage(User, "Your invoice is ready") { Buttons = [new Button(ButtonKind.OpenUrl, "Open the invoice", "https://shop.example.ru/inv/42")] });

        ChannelKit.SameJson("""
            {"type":"cta_url","body":{"text":"Your invoice is ready"},
             "action":{"name":"cta_url","parameters":{"display_text":"Open the invoice","url":"https://shop.example.ru/inv/42"}}}
            """, Assert.Single(_api.Server.Requests()).JsonBody()!["interactive"]);
    }

    [Fact]
    public async Task Links_next_to_choices_are_written_under_the_text_and_the_choices_stay_buttons()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        await Send(new OutgoingMessage(User, "Choose:") { Buttons = [new Button(ButtonKind.Callback, "Prices", "b1"), new Button(ButtonKind.OpenUrl, "Site", "https://shop.example.ru")] });

        ChannelKit.SameJson("""
            {"type":"button","body":{"text":"Choose:\nSite: https://shop.example.ru"},
             "action":{"buttons":[{"type":"reply","reply":{"id":"b1","title":"Prices"}}]}}
            """, Assert.Single(_api.Server.Requests()).JsonBody()!["interactive"]);
    }

    [Fact]
    public async Task A_file_is_uploaded_then_sent_as_a_document_with_its_name_and_caption()
    {
        _api.Answers(Media, 200, """{"id":"1037543291543636"}""").Answers(Messages, 200, WhatsAppApiFake.Accepted);
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 invoice 42");

        var result = await Send(new OutgoingMessage(User, "Invoice 42") { File = new OutgoingFile("invoice-42.pdf", "application/pdf", content, null), TrackingId = "out-9" });

        Assert.Equal(SendResult.Sent("wamid.SENT0001"), result);
        var requests = _api.Server.Requests();
        Assert.Equal([Media, Messages], requests.Select(r => r.RequestMessage.Path));
        var parts = await requests[0].FormParts();
        Assert.Equal([("messaging_product", "whatsapp"), ("type", "application/pdf")],
            parts.Where(p => p.FileName is null).Select(p => (p.Name, p.Text)));
        var file = Assert.Single(parts, p => p.Name == "file");
        Assert.Equal("invoice-42.pdf", file.FileName);
        Assert.Equal(content, file.Content);
        ChannelKit.SameJson($$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"{{User}}","type":"document",
             "document":{"id":"1037543291543636","filename":"invoice-42.pdf","caption":"Invoice 42"},"biz_opaque_callback_data":"out-9"}
            """, requests[1].JsonBody());
    }

    [Fact]
    public async Task A_customer_known_only_by_business_scoped_id_is_addressed_as_recipient()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted);

        await Send(new OutgoingMessage("US.13491208655302741918", "Hi"));

        var body = Assert.Single(_api.Server.Requests()).JsonBody()!;
        Assert.Equal(("US.13491208655302741918", null), ((string?)body["recipient"], body["to"]));
    }

    [Fact]
    public async Task A_button_press_has_nothing_to_answer_and_WhatsApp_is_not_asked()
    {
        Assert.Equal(SendResult.Sent(null), await Send(new OutgoingMessage(User, null) { CallbackAnswerId = "press-1" }));
        Assert.Empty(_api.Server.Requests());
    }

    [Theory]
    [InlineData(429, 130429, 1)]
    [InlineData(400, 131056, 6)]
    [InlineData(400, 130429, 1)]
    public async Task Throughput_and_pair_limits_are_RateLimited(int status, int code, int seconds)
    {
        _api.Answers(Messages, status, WhatsAppApiFake.Error(code, "Rate limit hit"));

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(seconds)), (result.Outcome, result.RetryAfter));
    }

    [Fact]
    public async Task Http_429_waits_the_Retry_After_it_names()
    {
        _api.Answers(Messages, 429, "{}", retryAfter: "7");
        Assert.Equal(TimeSpan.FromSeconds(7), (await Send(new OutgoingMessage(User, "Hi"))).RetryAfter);
    }

    [Fact]
    public async Task A_reply_after_the_24_hour_window_is_Failed_with_a_reason_operators_recognise()
    {
        _api.Answers(Messages, 400, WhatsAppApiFake.Error(131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number."));

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Equal($"{WhatsAppErrors.WindowClosed} (WhatsApp error 131047)", result.Reason);
        Assert.StartsWith("WhatsApp allows replies only within 24 hours of the customer's last message", result.Reason);
    }

    [Fact]
    public async Task An_undeliverable_number_is_Blocked()
    {
        _api.Answers(Messages, 400, WhatsAppApiFake.Error(131026, "Message undeliverable"));
        Assert.Equal(SendResult.Blocked("Message undeliverable (131026)"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task A_customer_who_stopped_marketing_messages_is_not_taken_for_blocked()
    {
        _api.Answers(Messages, 400, WhatsAppApiFake.Error(131050, "User has stopped marketing messages"));
        Assert.Equal(SendOutcome.Failed, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Theory]
    [InlineData(401, 190)]
    [InlineData(401, 0)]
    public async Task A_refused_token_is_Failed_and_says_so(int status, int code)
    {
        _api.Answers(Messages, status, WhatsAppApiFake.Error(code, "Error validating access token: Session has expired"));

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.StartsWith($"WhatsApp refused the bot's access token ({code})", result.Reason);
        Assert.DoesNotContain(WhatsAppApiFake.Token, result.Reason);
    }

    [Fact]
    public async Task Any_other_refusal_is_Failed_with_Metas_words_and_code()
    {
        _api.Answers(Messages, 400, WhatsAppApiFake.Error(100, "Invalid parameter", "Parameter 'to' is not a phone number"));
        Assert.Equal(SendResult.Failed("Invalid parameter (100)"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Theory]
    [InlineData(500, 131000)]
    [InlineData(503, 2)]
    [InlineData(400, 131000)]
    public async Task Metas_own_trouble_is_Transient(int status, int code)
    {
        _api.Answers(Messages, status, WhatsAppApiFake.Error(code, "Something went wrong"));
        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Fact]
    public async Task A_server_error_without_json_is_Transient()
    {
        _api.Answers(Messages, 502, "<html>Bad gateway</html>");
        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Fact]
    public async Task An_unreachable_server_is_Transient() =>
        Assert.Equal(SendOutcome.Transient, (await WhatsApp.SendAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, new OutgoingMessage(User, "Hi"), CancellationToken.None)).Outcome);

    [Fact]
    public async Task An_answer_slower_than_the_client_timeout_is_Transient()
    {
        _api.Answers(Messages, 200, WhatsAppApiFake.Accepted, delay: TimeSpan.FromSeconds(3));
        using var impatient = ChannelKit.Services(s => s.AddHttpClient(WhatsAppAdapter.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(300)));

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"), impatient.Adapter(Messenger.WhatsApp))).Outcome);
    }
}
