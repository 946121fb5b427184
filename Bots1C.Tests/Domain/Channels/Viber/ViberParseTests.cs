using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Viber;

public class ViberParseTests
{
    private static readonly DateTimeOffset Stamp = DateTimeOffset.FromUnixTimeMilliseconds(1457764197627);
    private const string User = "01234567890A=";
    private readonly IChannelAdapter _viber = ChannelKit.Services().Adapter(Messenger.Viber);

    private InboundEvent ParseSingle(string fixture) => Assert.Single(_viber.Parse(ChannelKit.Fixture("viber", fixture)));

    [Fact]
    public void A_text_message_is_Text_from_the_sender_at_the_millisecond_timestamp()
    {
        var e = ParseSingle("message_text.json");
        Assert.Equal(InboundKind.Text, e.Kind);
        Assert.Equal("a message to the service", e.Text);
        Assert.Equal(User, e.ChatId);
        Assert.Equal("4912661846655238145", e.ExternalMessageId);
        Assert.Equal(Stamp, e.OccurredAt);
        Assert.Equal(new Sender(User, "John McClane", null, null, "en"), e.Sender);
    }

    [Fact]
    public void A_picture_is_an_image_File_whose_id_is_the_media_url()
    {
        var e = ParseSingle("message_picture.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0/5688fdffdf0b2a4fb2c5d1d2e2d1d1b0.jpg", "scan.jpg", null, 88410, IsImage: true), e.File);
        Assert.Equal("Invoice scan", e.Text);
    }

    [Fact]
    public void A_file_is_a_File_with_its_name_and_size()
    {
        var e = ParseSingle("message_file.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://dl-media.viber.com/5/share/2/long/files/act-2026-03.pdf", "act-2026-03.pdf", null, 536392, IsImage: false), e.File);
    }

    [Fact]
    public void A_shared_contact_in_the_senders_own_name_is_their_own_phone()
    {
        var e = ParseSingle("message_contact.json");
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("+79161234567", "John McClane", null, IsOwn: true), e.Contact);
    }

    [Fact]
    public void A_contact_card_in_another_persons_name_is_not_the_senders_phone()
    {
        var e = ParseSingle("message_contact_other.json");
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("+79031112233", "Holly Gennero", null, IsOwn: false), e.Contact);
    }

    [Fact]
    public void Subscribing_is_Unblocked_with_the_user_as_sender()
    {
        var e = ParseSingle("subscribed.json");
        Assert.Equal(InboundKind.Unblocked, e.Kind);
        Assert.Equal(User, e.ChatId);
        Assert.Equal("John McClane", e.Sender!.FirstName);
    }

    [Fact]
    public void Unsubscribing_is_Blocked()
    {
        var e = ParseSingle("unsubscribed.json");
        Assert.Equal(InboundKind.Blocked, e.Kind);
        Assert.Equal(User, e.ChatId);
        Assert.Equal(User, e.Sender!.ExternalUserId);
    }

    [Fact]
    public void Opening_the_conversation_is_ConversationStarted()
    {
        var e = ParseSingle("conversation_started.json");
        Assert.Equal(InboundKind.ConversationStarted, e.Kind);
        Assert.Equal(User, e.ChatId);
        Assert.Equal("en", e.Sender!.LanguageCode);
    }

    [Theory]
    [InlineData("delivered.json", DeliveryState.Delivered, null)]
    [InlineData("seen.json", DeliveryState.Seen, null)]
    [InlineData("failed.json", DeliveryState.Failed, "failure description")]
    public void A_delivery_report_names_our_message_by_its_token(string fixture, DeliveryState state, string? reason)
    {
        var e = ParseSingle(fixture);
        Assert.Equal(InboundKind.DeliveryStatus, e.Kind);
        Assert.Equal(new DeliveryReport("4912661846655238145", state, reason), e.Delivery);
        Assert.Equal(User, e.ChatId);
    }

    [Fact]
    public void The_webhook_callback_is_WebhookConfirmed_in_no_chat()
    {
        var e = ParseSingle("webhook.json");
        Assert.Equal(InboundKind.WebhookConfirmed, e.Kind);
        Assert.Equal("", e.ChatId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1595347748566), e.OccurredAt);
    }

    [Fact]
    public void A_message_kind_we_do_not_handle_is_a_Service_event_not_an_error()
    {
        var e = ParseSingle("message_sticker.json");
        Assert.Equal(InboundKind.Service, e.Kind);
        Assert.Equal("message", e.ServiceName);
        Assert.Equal(User, e.ChatId);
    }

    [Fact]
    public void An_event_we_do_not_know_is_a_Service_event_named_by_Viber()
    {
        var e = Assert.Single(_viber.Parse("""{"event":"client_status","timestamp":1457764197627,"message_token":1,"user_id":"u1"}"""u8));
        Assert.Equal(InboundKind.Service, e.Kind);
        Assert.Equal("client_status", e.ServiceName);
    }
}
