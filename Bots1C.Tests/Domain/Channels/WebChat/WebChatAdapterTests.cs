using System.Text;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.WebChat;

namespace Bots1C.Tests.Domain.Channels.WebChat;

public class WebChatAdapterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly WebChatAdapter _adapter = new();

    [Fact]
    public void A_post_with_a_payload_is_a_button_press_carrying_it()
    {
        var body = WebChatAdapter.Serialize(new WebChatPayload("v_1", "m-1", "Pay now", "Anna", "ru", At, "pay:order-42"));

        var e = Assert.Single(_adapter.Parse(body));

        Assert.Equal(InboundKind.ButtonPress, e.Kind);
        Assert.Equal("pay:order-42", e.ButtonData);
        Assert.Equal("Pay now", e.Text);
        Assert.Null(e.CallbackId); // nothing to answer in a browser
        Assert.Equal("v_1", e.ChatId);
        Assert.Equal("m-1", e.ExternalMessageId);
    }

    [Fact]
    public void A_post_without_a_payload_is_text()
    {
        var e = Assert.Single(_adapter.Parse(WebChatAdapter.Serialize(new WebChatPayload("v_1", "m-1", "Hello", null, null, At))));

        Assert.Equal(InboundKind.Text, e.Kind);
        Assert.Null(e.ButtonData);
    }

    [Fact]
    public void A_payload_stored_before_buttons_existed_still_parses_as_text()
    {
        // Exactly what older versions wrote into the inbox: no "payload" field at all.
        var old = Encoding.UTF8.GetBytes("""{"visitor":"v_1","id":"m-1","text":"Где мой заказ?","name":null,"language":"ru-RU","at":"2026-11-20T10:00:00+00:00"}""");

        var e = Assert.Single(_adapter.Parse(old));

        Assert.Equal(InboundKind.Text, e.Kind);
        Assert.Equal("Где мой заказ?", e.Text);
        Assert.Null(e.ButtonData);
        Assert.Equal(new UpdateEnvelope("v_1:m-1", "v_1"), _adapter.ReadEnvelope(old));
    }

    [Fact]
    public async Task There_are_no_visitor_files_to_download_and_it_says_so()
    {
        var result = await _adapter.DownloadAsync(new BotCredentials(1, "Site", Bots1C.Domain.Bots.Messenger.WebChat, "", null, null, null), "anything", CancellationToken.None);

        Assert.Equal(DownloadFailure.NotSupported, result.Failure);
        Assert.Contains("cannot send files", result.Reason);
    }
}
