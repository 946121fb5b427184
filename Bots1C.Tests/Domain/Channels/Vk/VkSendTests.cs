using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Vk;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Bots1C.Tests.Domain.Channels.Vk;

public sealed class VkSendTests : IDisposable
{
    private const string User = "612444319";
    private readonly VkApiFake _api = new();
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Vk => _services.Adapter(Messenger.Vk);

    private Task<SendResult> Send(OutgoingMessage message, IChannelAdapter? adapter = null) =>
        (adapter ?? Vk).SendAsync(_api.Bot, message, CancellationToken.None);

    public void Dispose()
    {
        _api.Dispose();
        _services.Dispose();
    }

    private JsonObject SentForm() => Assert.Single(_api.Calls("messages.send")).Form();

    [Fact]
    public async Task A_text_is_messages_send_with_the_token_in_the_header_only()
    {
        _api.Answers("messages.send", """{"response":1850}""");

        var result = await Send(new OutgoingMessage(User, "Здравствуйте!") { TrackingId = "17" });

        Assert.Equal(SendResult.Sent("1850"), result);
        var request = Assert.Single(_api.Server.LogEntries);
        Assert.Equal($"Bearer {VkApiFake.Token}", request.RequestMessage.Headers!["Authorization"].Single());
        Assert.DoesNotContain(VkApiFake.Token, request.RequestMessage.Url);
        Assert.DoesNotContain(VkApiFake.Token, request.RequestMessage.Body);
        var form = request.Form();
        ChannelKit.SameJson($$"""{"peer_id":"{{User}}","random_id":"{{form["random_id"]}}","message":"Здравствуйте!","v":"5.199"}""", form);
    }

    [Fact]
    public async Task The_same_message_sent_again_carries_the_same_random_id_so_VK_drops_the_repeat()
    {
        _api.Answers("messages.send", """{"response":1850}""");

        await Send(new OutgoingMessage(User, "Hi") { TrackingId = "17" });
        await Send(new OutgoingMessage(User, "Hi") { TrackingId = "17" });
        await Send(new OutgoingMessage(User, "Hi") { TrackingId = "18" });

        var ids = _api.Calls("messages.send").Select(c => (string)c.Form()["random_id"]!).ToList();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.All(ids, id => Assert.InRange(long.Parse(id), 1, int.MaxValue)); // VK's random_id is an int32
    }

    [Fact]
    public async Task Another_bot_with_the_same_message_ids_gets_other_random_ids()
    {
        // A reinstalled app numbers its messages from 1 again; its new webhook secret keeps VK from taking them as repeats.
        _api.Answers("messages.send", """{"response":1850}""");

        await Send(new OutgoingMessage(User, "Hi") { TrackingId = "1" });
        await Vk.SendAsync(_api.Bot with { WebhookSecret = "another-installations-secret" }, new OutgoingMessage(User, "Hi") { TrackingId = "1" }, CancellationToken.None);

        var ids = _api.Calls("messages.send").Select(c => (string)c.Form()["random_id"]!).ToList();
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task Callback_and_link_buttons_make_an_inline_keyboard_with_our_payload()
    {
        _api.Answers("messages.send", """{"response":1850}""");

        await Send(new OutgoingMessage(User, "Choose:")
        {
            Buttons = [new Button(ButtonKind.Callback, "Prices", "s7:m1:b1"), new Button(ButtonKind.OpenUrl, "Site", "https://example.ru/")],
        });

        ChannelKit.SameJson("""
            {"inline":true,"buttons":[
              [{"action":{"type":"callback","label":"Prices","payload":"{\"b\":\"s7:m1:b1\"}"}}],
              [{"action":{"type":"open_link","link":"https://example.ru/","label":"Site"}}]]}
            """, JsonNode.Parse((string)SentForm()["keyboard"]!));
    }

    [Fact]
    public async Task Reply_buttons_make_a_one_time_keyboard_and_a_phone_button_is_left_out()
    {
        _api.Answers("messages.send", """{"response":1850}""");

        await Send(new OutgoingMessage(User, "Delivery?")
        {
            Buttons = [new Button(ButtonKind.Reply, "Courier"), new Button(ButtonKind.Reply, "Pick-up"), new Button(ButtonKind.SharePhone, "Share my phone")],
        });

        ChannelKit.SameJson("""
            {"one_time":true,"inline":false,"buttons":[
              [{"action":{"type":"text","label":"Courier"}}],
              [{"action":{"type":"text","label":"Pick-up"}}]]}
            """, JsonNode.Parse((string)SentForm()["keyboard"]!));
    }

    [Fact]
    public async Task A_message_with_only_a_phone_button_goes_without_a_keyboard()
    {
        _api.Answers("messages.send", """{"response":1850}""");

        await Send(new OutgoingMessage(User, "Your phone, please") { Buttons = [new Button(ButtonKind.SharePhone, "Share my phone")] });

        Assert.False(SentForm().ContainsKey("keyboard"));
    }

    [Fact]
    public async Task Labels_are_cut_to_40_characters_and_more_than_ten_callbacks_leave_the_inline_keyboard()
    {
        _api.Answers("messages.send", """{"response":1850}""");
        var buttons = Enumerable.Range(1, 12).Select(i => new Button(ButtonKind.Callback, $"Option {i} " + new string('x', 40), $"s7:m1:b{i}")).ToList();

        await Send(new OutgoingMessage(User, "Many") { Buttons = buttons });

        var keyboard = JsonNode.Parse((string)SentForm()["keyboard"]!)!;
        Assert.False((bool)keyboard["inline"]!);
        var rows = keyboard["buttons"]!.AsArray();
        Assert.Equal(6, rows.Count); // ten rows at most: two to a row
        Assert.Equal(40, ((string)rows[0]![0]!["action"]!["label"]!).Length);
    }

    [Fact]
    public async Task A_file_is_uploaded_to_the_address_VK_names_saved_and_sent_as_a_doc_attachment()
    {
        var upload = $"{_api.Server.Url}/upload/doc?act=add_doc&mid=1&aid=-1&gid=214167102&hash=ab12";
        _api.Answers("docs.getMessagesUploadServer", $$$"""{"response":{"upload_url":"{{{upload}}}"}}""")
            .Answers("docs.save", """{"response":{"type":"doc","doc":{"id":667311050,"owner_id":-214167102,"title":"invoice-42.pdf","size":3,"ext":"pdf","url":"https://vk.com/doc-214167102_667311050"}}}""")
            .Answers("messages.send", """{"response":1851}""");
        _api.Server.Given(Request.Create().WithPath("/upload/doc").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"file":"214167102|0|0|805|b7b1|pdf|3|invoice-42.pdf|hash|sig"}"""));

        var result = await Send(new OutgoingMessage(User, "Your invoice") { TrackingId = "20", File = new OutgoingFile("invoice-42.pdf", "application/pdf", [1, 2, 3], null) });

        Assert.Equal(SendResult.Sent("1851"), result);
        ChannelKit.SameJson($$"""{"type":"doc","peer_id":"{{User}}","v":"5.199"}""", Assert.Single(_api.Calls("docs.getMessagesUploadServer")).Form());
        var uploaded = Assert.Single(_api.Server.LogEntries, e => e.RequestMessage.Path == "/upload/doc");
        Assert.False(uploaded.RequestMessage.Headers!.ContainsKey("Authorization"));
        var part = Assert.Single(await uploaded.FormParts());
        Assert.Equal(("file", "invoice-42.pdf"), (part.Name, part.FileName));
        Assert.Equal(new byte[] { 1, 2, 3 }, part.Content);
        ChannelKit.SameJson("""{"file":"214167102|0|0|805|b7b1|pdf|3|invoice-42.pdf|hash|sig","title":"invoice-42.pdf","v":"5.199"}""",
            Assert.Single(_api.Calls("docs.save")).Form());
        var form = SentForm();
        ChannelKit.SameJson($$"""{"peer_id":"{{User}}","random_id":"{{form["random_id"]}}","message":"Your invoice","attachment":"doc-214167102_667311050","v":"5.199"}""", form);
    }

    [Fact]
    public async Task A_refused_upload_fails_the_message_without_sending_it()
    {
        var upload = $"{_api.Server.Url}/upload/doc";
        _api.Answers("docs.getMessagesUploadServer", $$$"""{"response":{"upload_url":"{{{upload}}}"}}""");
        _api.Server.Given(Request.Create().WithPath("/upload/doc").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"error":"file too big"}"""));

        var result = await Send(new OutgoingMessage(User, null) { File = new OutgoingFile("a.pdf", "application/pdf", [1], null) });

        Assert.Equal(SendResult.Failed("VK's upload server refused the file: file too big"), result);
        Assert.Empty(_api.Calls("messages.send"));
    }

    [Fact]
    public async Task A_press_is_answered_with_sendMessageEventAnswer_and_no_event_data()
    {
        _api.Answers("messages.sendMessageEventAnswer", """{"response":1}""");

        var result = await Send(new OutgoingMessage(User, null) { CallbackAnswerId = $"3159dc190b1g:{User}:{User}" });

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        ChannelKit.SameJson($$"""{"event_id":"3159dc190b1g","user_id":"{{User}}","peer_id":"{{User}}","v":"5.199"}""",
            Assert.Single(_api.Calls("messages.sendMessageEventAnswer")).Form());
    }

    [Fact]
    public async Task A_press_answer_with_text_shows_a_snackbar()
    {
        _api.Answers("messages.sendMessageEventAnswer", """{"response":1}""");

        await Send(new OutgoingMessage(User, "Saved") { CallbackAnswerId = $"3159dc190b1g:{User}:{User}" });

        ChannelKit.SameJson("""{"type":"show_snackbar","text":"Saved"}""",
            JsonNode.Parse((string)Assert.Single(_api.Calls("messages.sendMessageEventAnswer")).Form()["event_data"]!));
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(9, 30)]
    public async Task Too_many_requests_and_flood_control_are_RateLimited(int code, int seconds)
    {
        _api.Answers("messages.send", $$$"""{"error":{"error_code":{{{code}}},"error_msg":"Too many requests per second","request_params":[]}}""");

        var result = await Send(new OutgoingMessage(User, "Hi"));

        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(seconds)), (result.Outcome, result.RetryAfter));
    }

    [Theory]
    [InlineData(900, "Can't send messages for users from blacklist")]
    [InlineData(901, "Can't send messages for users without permission")]
    [InlineData(902, "Can't send messages to this user due to their privacy settings")]
    public async Task A_customer_out_of_reach_is_Blocked_in_VKs_words(int code, string message)
    {
        _api.Answers("messages.send", $$$"""{"error":{"error_code":{{{code}}},"error_msg":"{{{message}}}"}}""");

        Assert.Equal(SendResult.Blocked($"{message} (VK error {code})"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task VKs_internal_error_is_Transient()
    {
        _api.Answers("messages.send", """{"error":{"error_code":10,"error_msg":"Internal server error"}}""");

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Fact]
    public async Task A_refused_token_is_Failed_and_says_so()
    {
        _api.Answers("messages.send", """{"error":{"error_code":5,"error_msg":"User authorization failed: invalid access_token (4)."}}""");

        Assert.Equal(SendResult.Failed("VK refused the community token: User authorization failed: invalid access_token (4). (VK error 5)"),
            await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task Any_other_refusal_is_Failed_in_VKs_words()
    {
        _api.Answers("messages.send", """{"error":{"error_code":914,"error_msg":"Message is too long"}}""");

        Assert.Equal(SendResult.Failed("Message is too long (VK error 914)"), await Send(new OutgoingMessage(User, "Hi")));
    }

    [Fact]
    public async Task A_server_error_is_Transient()
    {
        _api.Answers("messages.send", "<html>Bad Gateway</html>", status: 502);

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"))).Outcome);
    }

    [Fact]
    public async Task An_unreachable_server_is_Transient() =>
        Assert.Equal(SendOutcome.Transient,
            (await Vk.SendAsync(_api.Bot with { ApiServerUrl = "http://127.0.0.1:1" }, new OutgoingMessage(User, "Hi"), CancellationToken.None)).Outcome);

    [Fact]
    public async Task An_answer_slower_than_the_client_timeout_is_Transient()
    {
        _api.Answers("messages.send", """{"response":1}""", delay: TimeSpan.FromSeconds(3));
        using var impatient = ChannelKit.Services(s => s.AddHttpClient(VkAdapter.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(300)));

        Assert.Equal(SendOutcome.Transient, (await Send(new OutgoingMessage(User, "Hi"), impatient.Adapter(Messenger.Vk))).Outcome);
    }

    [Fact]
    public async Task The_token_does_not_go_to_a_server_nobody_listed()
    {
        using var strict = ChannelKit.Services(allowLoopback: false);

        var result = await Send(new OutgoingMessage(User, "Hi"), strict.Adapter(Messenger.Vk));

        Assert.NotEqual(SendOutcome.Sent, result.Outcome);
        Assert.Empty(_api.Server.LogEntries);
    }
}
