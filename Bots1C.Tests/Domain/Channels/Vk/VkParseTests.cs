using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Vk;

public class VkParseTests
{
    private const string User = "612444319";
    private readonly IChannelAdapter _vk = ChannelKit.Services().Adapter(Messenger.Vk);

    private InboundEvent ParseSingle(string fixture) => Assert.Single(_vk.Parse(VkForms.Fixture(fixture)));

    [Fact]
    public void A_message_is_Text_from_the_sender_at_its_date_in_the_senders_language()
    {
        var e = ParseSingle("message_new_text.json");
        Assert.Equal(InboundKind.Text, e.Kind);
        Assert.Equal("Здравствуйте! Где мой заказ?", e.Text);
        Assert.Equal((User, "1842"), (e.ChatId, e.ExternalMessageId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1683278670), e.OccurredAt);
        Assert.Equal(new Sender(User, null, null, null, "ru"), e.Sender);
    }

    [Fact]
    public void A_group_chats_message_is_kept_with_the_chat_as_its_chat_not_the_person()
    {
        // The recorder keeps such updates out of conversations because the chat is not the sender (as Telegram's groups).
        var e = ParseSingle("message_new_chat.json");
        Assert.Equal(("2000000066", "612444319"), (e.ChatId, e.Sender!.ExternalUserId));
        Assert.Equal("Ок", e.Text);
        Assert.Null(e.ExternalMessageId); // id 0: VK numbers group-chat messages only within the chat
    }

    [Fact]
    public void A_document_is_a_File_whose_id_is_its_link_with_the_text_as_caption()
    {
        var e = ParseSingle("message_new_doc.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://vk.com/doc612444319_667311042?hash=5f1c0a&dl=GE3DEMRU:1683278700:a1b2c3&api=1&no_preview=1",
            "act-2026-03.pdf", null, 536392, IsImage: false), e.File);
        Assert.Equal("Акт сверки", e.Text);
        Assert.Equal("en", e.Sender!.LanguageCode);
    }

    [Fact]
    public void A_photo_is_an_image_File_of_its_largest_size()
    {
        var e = ParseSingle("message_new_photo.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://sun9-1.userapi.com/impg/scan_z.jpg?sign=3&type=album", null, null, null, IsImage: true), e.File);
        Assert.Null(e.Text);
    }

    [Fact]
    public void Two_photos_in_one_message_are_two_files_the_text_with_the_first()
    {
        var body = System.Text.Encoding.UTF8.GetString(VkForms.Fixture("message_new_doc.json"))
            .Replace("\"attachments\":[{", "\"attachments\":[{\"type\":\"photo\",\"photo\":{\"id\":1,\"owner_id\":1,\"sizes\":[{\"type\":\"x\",\"url\":\"https://sun9-1.userapi.com/p1.jpg\",\"width\":1,\"height\":1}]}},{");
        var events = _vk.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal([("https://sun9-1.userapi.com/p1.jpg", "Акт сверки"), (events[1].File!.FileId, null)], events.Select(e => (e.File!.FileId, e.Text)));
    }

    [Fact]
    public void A_location_is_a_service_event_as_on_Telegram()
    {
        var e = ParseSingle("message_new_geo.json");
        Assert.Equal((InboundKind.Service, "geo"), (e.Kind, e.ServiceName));
        Assert.Equal(User, e.Sender!.ExternalUserId);
    }

    [Fact]
    public void A_text_button_with_our_payload_is_a_ButtonPress_with_its_label_as_text()
    {
        var e = ParseSingle("message_new_text_button.json");
        Assert.Equal(InboundKind.ButtonPress, e.Kind);
        Assert.Equal(("s7:m1:b1", "Прайс"), (e.ButtonData, e.Text));
        Assert.Null(e.CallbackId); // nothing to answer: the press is a message
    }

    [Fact]
    public void VKs_start_button_is_the_start_command()
    {
        var e = ParseSingle("message_new_start.json");
        Assert.Equal((InboundKind.Text, "/start"), (e.Kind, e.Text));
    }

    [Theory]
    [InlineData("message_event.json", "s7:m1:b2", "3159dc190b1g")]
    [InlineData("message_event_string_payload.json", "s7:m1:b1", "4a60ed2c1b2h")]
    public void A_callback_button_is_a_ButtonPress_answerable_by_its_event_user_and_peer(string fixture, string data, string eventId)
    {
        var e = ParseSingle(fixture);
        Assert.Equal(InboundKind.ButtonPress, e.Kind);
        Assert.Equal(data, e.ButtonData);
        Assert.Equal($"{eventId}:{User}:{User}", e.CallbackId);
        Assert.Equal((User, User), (e.ChatId, e.Sender!.ExternalUserId));
    }

    [Fact]
    public void A_payload_in_a_shape_of_its_own_is_kept_as_its_JSON()
    {
        var body = System.Text.Encoding.UTF8.GetString(VkForms.Fixture("message_event.json")).Replace("""{"b":"s7:m1:b2"}""", """{"cmd":"x"}""");
        Assert.Equal("""{"cmd":"x"}""", Assert.Single(_vk.Parse(System.Text.Encoding.UTF8.GetBytes(body))).ButtonData);
    }

    [Fact]
    public void Allowing_messages_is_Unblocked() =>
        Assert.Equal((InboundKind.Unblocked, User, User), Who(ParseSingle("message_allow.json")));

    [Fact]
    public void Denying_messages_is_Blocked() =>
        Assert.Equal((InboundKind.Blocked, User, User), Who(ParseSingle("message_deny.json")));

    private static (InboundKind, string, string) Who(InboundEvent e) => (e.Kind, e.ChatId, e.Sender!.ExternalUserId);

    [Fact]
    public void A_read_report_marks_the_message_it_names_Seen()
    {
        var e = ParseSingle("message_read.json");
        Assert.Equal(InboundKind.DeliveryStatus, e.Kind);
        Assert.Equal(new DeliveryReport("1850", DeliveryState.Seen, null), e.Delivery);
        // No time in the event: "long ago", so a report on a message we never sent is not retried.
        Assert.Equal(DateTimeOffset.UnixEpoch, e.OccurredAt);
    }

    [Fact]
    public void The_customer_editing_their_message_is_Edited_with_the_new_text()
    {
        var e = ParseSingle("message_edit.json");
        Assert.Equal((InboundKind.Edited, "1842", "Здравствуйте! Где мой заказ № 42?"), (e.Kind, e.ExternalMessageId, e.Text));
    }

    [Fact]
    public void An_edit_of_the_communitys_own_message_is_a_service_event() =>
        Assert.Equal((InboundKind.Service, "message_edit"), (ParseSingle("message_edit_ours.json").Kind, ParseSingle("message_edit_ours.json").ServiceName));

    [Fact]
    public void An_event_we_do_not_read_is_a_Service_event_named_by_VK()
    {
        var e = ParseSingle("group_join.json");
        Assert.Equal((InboundKind.Service, "group_join", "1"), (e.Kind, e.ServiceName, e.ChatId));
    }

    [Fact]
    public void A_message_without_a_peer_is_unreadable_not_a_crash() =>
        Assert.Throws<UnreadableUpdateException>(() => _vk.Parse("""{"type":"message_new","object":{"message":{"text":"hi"}}}"""u8));
}
