using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>Every kind of MAX update we act on, from published payloads, in our terms.</summary>
public class MaxParseTests
{
    private static readonly IChannelAdapter Max = ChannelKit.Services().Adapter(Messenger.Max);
    private static readonly Sender John = new("123456789", "John", "Doe", null, "ru");

    private static InboundEvent ParseOne(string fixture) => Assert.Single(Max.Parse(ChannelKit.Fixture("max", fixture)));

    [Fact]
    public void A_text_message_is_Text_in_the_senders_dialog()
    {
        var e = ParseOne("message_created_text.json");

        Assert.Equal(new InboundEvent(InboundKind.Text, "10001", DateTimeOffset.FromUnixTimeMilliseconds(1770679787821))
        {
            Sender = new Sender("10001", "User_Name", null, null, "ru"),
            ExternalMessageId = "mid.0000000008a53b9b019c44bd612d33e0",
            Text = "вапва",
        }, e);
    }

    [Fact]
    public void A_press_is_a_ButtonPress_with_its_callback_id_and_payload()
    {
        var e = ParseOne("message_callback.json");

        Assert.Equal(new InboundEvent(InboundKind.ButtonPress, "123456789", DateTimeOffset.FromUnixTimeMilliseconds(1775026702210))
        {
            Sender = John,
            ExternalMessageId = "mid.000000000adf429c019d47d58f2b3d9e",
            CallbackId = "f9LHodD0cOJf4_DkJGeq8BkDgc5vgSwZocVrn44oirfMzUQ4mv5k_h1-yQvExmZNjV7gVcaO2Z3Gv6LJpZQ-nj_0HTcX7NwSdT4fDtXou9i0A51TjSj9",
            ButtonData = "picture",
        }, e);
    }

    [Fact]
    public void A_press_under_a_message_MAX_no_longer_has_still_belongs_to_the_presser()
    {
        var body = Encoding.UTF8.GetString(ChannelKit.Fixture("max", "message_callback.json"));
        var withoutMessage = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        withoutMessage["message"] = null;

        var e = Assert.Single(Max.Parse(Encoding.UTF8.GetBytes(withoutMessage.ToJsonString())));

        Assert.Equal((InboundKind.ButtonPress, "123456789", "picture"), (e.Kind, e.ChatId, e.ButtonData));
    }

    [Fact]
    public void Bot_started_is_the_customer_opening_the_bot_and_asking_for_the_main_menu_as_Telegrams_start()
    {
        // MAX's Start button sends no message, only bot_started: without a "/start" the customer would see no menu.
        var events = Max.Parse(ChannelKit.Fixture("max", "bot_started.json"));
        Assert.Equal([(InboundKind.ConversationStarted, "123456789", (string?)null), (InboundKind.Text, "123456789", "/start")],
            events.Select(e => (e.Kind, e.ChatId, e.Text)));
        Assert.All(events, e => Assert.Equal(John, e.Sender));
    }

    [Fact]
    public void Bot_stopped_is_Blocked() =>
        Assert.Equal((InboundKind.Blocked, "123456789", John), (ParseOne("bot_stopped.json") is var e ? (e.Kind, e.ChatId, e.Sender) : default));

    [Fact]
    public void An_edit_is_Edited_with_the_new_text() =>
        Assert.Equal((InboundKind.Edited, "123456789", "hi bot", "mid.000000000adf429c019d47b1ce4600ff"),
            ParseOne("message_edited.json") is var e ? (e.Kind, e.ChatId, e.Text, e.ExternalMessageId) : default);

    [Fact]
    public void Any_other_kind_is_a_Service_event_named_as_MAX_names_it() =>
        Assert.Equal((InboundKind.Service, "dialog_muted", "123456789"),
            ParseOne("dialog_muted.json") is var e ? (e.Kind, e.ServiceName, e.ChatId) : default);

    [Fact]
    public void A_group_chats_message_names_the_group_not_the_sender_so_it_is_not_taken_for_a_conversation()
    {
        var e = ParseOne("message_created_group.json");

        Assert.Equal((InboundKind.Text, "chat:-70801090403050", "123456789"), (e.Kind, e.ChatId, e.Sender!.ExternalUserId));
    }

    [Fact]
    public void A_photo_is_a_File_to_fetch_by_its_link_with_the_text_as_caption()
    {
        var e = ParseOne("message_image.json");

        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal("Накладная", e.Text);
        Assert.Equal(new InboundFile("https://i.oneme.ru/i?r=BTGBPUwtwgYUeoFhO7rESmr8FddYu8EkRnc1BbDFbQm1bcgN8COxyU5BTkp85aDzgF4", null, null, null, IsImage: true), e.File);
    }

    [Fact]
    public void A_document_is_a_File_with_its_name_and_size()
    {
        var e = ParseOne("message_file.json");

        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://fd.oneme.ru/getfile?sig=Zx1&expires=1775112020000&fileId=7001", "act-7.pdf", null, 536392, IsImage: false), e.File);
    }

    [Fact]
    public void The_senders_own_contact_is_their_phone_even_without_a_plus()
    {
        var e = ParseOne("message_contact_own.json");

        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("79161234567", "John", "Doe", IsOwn: true), e.Contact);
    }

    [Fact]
    public void Someone_elses_contact_is_not_the_senders_own()
    {
        var e = ParseOne("message_contact_other.json");

        Assert.Equal(new SharedContact("7999999999", "Имя", "Фамилиия", IsOwn: false), e.Contact);
    }

    [Fact]
    public void A_contact_without_MAXs_profile_is_not_taken_for_the_senders_own()
    {
        var body = Encoding.UTF8.GetString(ChannelKit.Fixture("max", "message_contact_own.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        node["message"]!["body"]!["attachments"]![0]!["payload"]!.AsObject().Remove("max_info");

        var e = Assert.Single(Max.Parse(Encoding.UTF8.GetBytes(node.ToJsonString())));

        Assert.Equal(new SharedContact("79161234567", "John Doe", null, IsOwn: false), e.Contact);
    }

    [Fact]
    public void A_body_without_an_update_type_is_unreadable() =>
        Assert.Throws<UnreadableUpdateException>(() => Max.Parse("{}"u8));
}
