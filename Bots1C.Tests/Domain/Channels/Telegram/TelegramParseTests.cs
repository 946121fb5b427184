using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Bots1C.Tests.Domain.Channels.Telegram;

public class TelegramParseTests
{
    // Telegram's examples are all dated 1441645532 (2015-09-07 17:05:32 UTC) or a little later.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly IChannelAdapter _telegram = ChannelKit.Services(clock: new FakeTimeProvider(Now)).Adapter(Messenger.Telegram);

    private InboundEvent ParseSingle(string fixture) => Assert.Single(_telegram.Parse(ChannelKit.Fixture("telegram", fixture)));

    [Fact]
    public void A_text_message_is_Text_in_its_chat_with_the_sender_and_date()
    {
        var e = ParseSingle("message_text.json");
        Assert.Equal(InboundKind.Text, e.Kind);
        Assert.Equal("/start", e.Text);
        Assert.Equal("1111111", e.ChatId);
        Assert.Equal("1365", e.ExternalMessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1441645532), e.OccurredAt);
        Assert.Equal(new Sender("1111111", "Test Firstname", "Test Lastname", "Testusername", null), e.Sender);
    }

    [Fact]
    public void A_document_is_a_File_with_its_id_name_type_and_size()
    {
        var e = ParseSingle("message_document.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("AwADBAADbXXXXXXXXXXXGBdhD2l6_XX", "Testfile.pdf", "application/pdf", 536392, IsImage: false), e.File);
        Assert.Null(e.Text);
    }

    [Fact]
    public void A_photo_is_an_image_File_of_the_largest_size_with_the_caption_as_text()
    {
        var e = ParseSingle("message_photo.json");
        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("AgACAgIAAxkBAAMlarge", null, null, 88410, IsImage: true), e.File);
        Assert.Equal("Invoice scan", e.Text);
    }

    [Fact]
    public void A_contact_whose_user_id_is_the_senders_is_their_own_phone()
    {
        var e = ParseSingle("message_contact_own.json");
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("79161234567", "Test Firstname", "Test Lastname", IsOwn: true), e.Contact);
        Assert.Equal("ru", e.Sender!.LanguageCode);
    }

    [Fact]
    public void A_forwarded_contact_of_someone_else_is_not_the_senders_phone()
    {
        var e = ParseSingle("message_contact_other.json");
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("+79031112233", "Somebody", "Else", IsOwn: false), e.Contact);
    }

    [Fact]
    public void An_edited_message_is_Edited_with_the_new_text()
    {
        var e = ParseSingle("edited_message.json");
        Assert.Equal(InboundKind.Edited, e.Kind);
        Assert.Equal("Edited text", e.Text);
        Assert.Equal("1365", e.ExternalMessageId);
        Assert.Equal("1111111", e.ChatId);
    }

    [Fact]
    public void A_button_press_on_a_message_is_a_ButtonPress_in_that_messages_chat()
    {
        var e = ParseSingle("callback_query_with_message.json");
        Assert.Equal(InboundKind.ButtonPress, e.Kind);
        Assert.Equal("4382bfdwdsb323b2d9", e.CallbackId);
        Assert.Equal("pay:INV-42", e.ButtonData);
        Assert.Equal("-1001234567", e.ChatId);
        Assert.Equal("1370", e.ExternalMessageId);
        // The pressing user, not the bot that wrote the message.
        Assert.Equal("1111111", e.Sender!.ExternalUserId);
        // A callback query has no date of its own; the message's date is when the button was sent, not pressed.
        Assert.Equal(Now, e.OccurredAt);
    }

    [Fact]
    public void A_button_press_without_a_message_belongs_to_the_pressing_user()
    {
        // Telegram's own example: an inline-mode button, no message and no chat.
        var e = ParseSingle("callback_query.json");
        Assert.Equal(InboundKind.ButtonPress, e.Kind);
        Assert.Equal("1111111", e.ChatId);
        Assert.Equal("Data from button callback", e.ButtonData);
        Assert.Null(e.ExternalMessageId);
        Assert.Equal(Now, e.OccurredAt);
    }

    [Fact]
    public void The_user_blocking_the_bot_is_Blocked()
    {
        var e = ParseSingle("my_chat_member_kicked.json");
        Assert.Equal(InboundKind.Blocked, e.Kind);
        Assert.Equal("1111111", e.ChatId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1441646000), e.OccurredAt);
    }

    [Fact]
    public void The_user_unblocking_the_bot_is_Unblocked()
    {
        var e = ParseSingle("my_chat_member_member.json");
        Assert.Equal(InboundKind.Unblocked, e.Kind);
        Assert.Equal("1111111", e.ChatId);
    }

    [Fact]
    public void An_update_kind_we_do_not_handle_is_a_Service_event_named_as_Telegram_names_it()
    {
        var e = ParseSingle("inline_query.json");
        Assert.Equal(InboundKind.Service, e.Kind);
        Assert.Equal("inline_query", e.ServiceName);
        Assert.Equal("1111111", e.ChatId);
    }

    [Fact]
    public void A_message_we_cannot_read_such_as_a_sticker_is_a_Service_event_not_an_error()
    {
        var e = Assert.Single(_telegram.Parse("""
            {"update_id":1,"message":{"message_id":5,"date":1441645532,"chat":{"id":42,"type":"private"},
             "from":{"id":42,"is_bot":false,"first_name":"A"},"sticker":{"file_id":"s","file_unique_id":"u","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false}}}
            """u8));
        Assert.Equal(InboundKind.Service, e.Kind);
        Assert.Equal("message", e.ServiceName);
        Assert.Equal("42", e.ChatId);
    }
}
