using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.WhatsApp;

/// <summary>Every kind WhatsApp sends, from Meta's published payloads, through ReadEnvelope and Parse.</summary>
public sealed class WhatsAppParseTests : IDisposable
{
    private const string Customer = "16505551234";
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter WhatsApp => _services.Adapter(Messenger.WhatsApp);

    public void Dispose() => _services.Dispose();

    private InboundEvent One(string fixture) => Assert.Single(WhatsApp.Parse(ChannelKit.Fixture("whatsapp", fixture)));

    private UpdateEnvelope? Envelope(string fixture) => WhatsApp.ReadEnvelope(ChannelKit.Fixture("whatsapp", fixture));

    [Fact]
    public void A_message_is_keyed_by_its_wamid_in_the_customers_chat() =>
        Assert.Equal(new UpdateEnvelope("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", Customer), Envelope("message_text.json"));

    [Fact]
    public void A_text_is_Text_from_the_customer_named_by_their_profile()
    {
        var e = One("message_text.json");
        Assert.Equal((InboundKind.Text, Customer, "Does it come in another color?"), (e.Kind, e.ChatId, e.Text));
        Assert.Equal(new Sender(Customer, "Sheena Nelson", null, null, null), e.Sender);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), e.OccurredAt);
        Assert.Equal("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", e.ExternalMessageId);
    }

    [Fact]
    public void A_reply_button_press_is_ButtonPress_with_the_buttons_id_and_nothing_to_answer()
    {
        var e = One("button_reply.json");
        Assert.Equal((InboundKind.ButtonPress, "change-button", "Change", (string?)null), (e.Kind, e.ButtonData, e.Text, e.CallbackId));
    }

    [Fact]
    public void A_list_choice_is_ButtonPress_with_the_rows_id()
    {
        var e = One("list_reply.json");
        Assert.Equal((InboundKind.ButtonPress, "list_reply_id", "list_reply_title"), (e.Kind, e.ButtonData, e.Text));
    }

    [Fact]
    public void A_template_quick_reply_is_ButtonPress_with_its_payload()
    {
        var e = One("template_button.json");
        Assert.Equal((InboundKind.ButtonPress, "deliver-yes", "Yes, deliver"), (e.Kind, e.ButtonData, e.Text));
    }

    [Fact]
    public void Pressing_the_phone_request_stand_in_shares_the_senders_own_number()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ChannelKit.Fixture("whatsapp", "button_reply.json"))
            .Replace("\"change-button\"", "\"bots1c:share-phone\""));
        var e = Assert.Single(WhatsApp.Parse(body));
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("+16505551234", "Pablo Morales", null, IsOwn: true), e.Contact);
    }

    [Fact]
    public void A_card_with_the_senders_own_WhatsApp_account_is_their_own_number()
    {
        var e = One("contacts_own.json");
        Assert.Equal(InboundKind.ContactShared, e.Kind);
        Assert.Equal(new SharedContact("+1 (650) 555-1234", "Sheena", "Nelson", IsOwn: true), e.Contact);
    }

    [Fact]
    public void Someone_elses_card_is_shared_but_not_the_senders_own() =>
        Assert.Equal(new SharedContact("+1 (940) 555-1234", "Barbara", "Johnson", IsOwn: false), One("contacts_other.json").Contact);

    [Fact]
    public void A_document_is_a_File_named_by_its_media_id_with_its_caption()
    {
        var e = One("document.json");
        Assert.Equal((InboundKind.File, "Signed act"), (e.Kind, e.Text));
        Assert.Equal(new InboundFile("1003383421387256", "act-7.pdf", "application/pdf", null, IsImage: false), e.File);
    }

    [Fact]
    public void A_photo_is_an_image_File()
    {
        var e = One("image.json");
        Assert.Equal(new InboundFile("1479537139650973", null, "image/jpeg", null, IsImage: true), e.File);
        Assert.Equal("The damaged box", e.Text);
    }

    [Theory]
    [InlineData("location.json", "location")]
    [InlineData("reaction.json", "reaction")]
    [InlineData("unsupported.json", "unknown")]
    public void Locations_reactions_and_unknown_kinds_are_service_events_from_the_customer(string fixture, string name)
    {
        var e = One(fixture);
        Assert.Equal((InboundKind.Service, name, Customer), (e.Kind, e.ServiceName, e.Sender?.ExternalUserId));
    }

    [Fact]
    public void A_status_report_is_keyed_by_message_and_status_apart_from_the_customers_messages() =>
        Assert.Equal(new UpdateEnvelope("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=:sent", "reports:16505551234"),
            Envelope("status_sent.json"));

    [Fact]
    public void Sent_is_a_delivery_report_on_our_message()
    {
        var e = One("status_sent.json");
        Assert.Equal(InboundKind.DeliveryStatus, e.Kind);
        Assert.Equal(new DeliveryReport("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=", DeliveryState.Sent, null), e.Delivery);
    }

    [Theory]
    [InlineData("delivered", DeliveryState.Delivered)]
    [InlineData("read", DeliveryState.Seen)]
    [InlineData("played", DeliveryState.Seen)]
    public void Delivered_and_read_move_to_our_states(string status, DeliveryState state)
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ChannelKit.Fixture("whatsapp", "status_sent.json")).Replace("\"sent\"", $"\"{status}\""));
        Assert.Equal(state, Assert.Single(WhatsApp.Parse(body)).Delivery!.State);
    }

    [Fact]
    public void Failed_carries_the_errors_title_and_code_as_the_reason() =>
        Assert.Equal(new DeliveryReport("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA", DeliveryState.Failed,
                "This message was not delivered to maintain healthy ecosystem engagement. (131049)"),
            One("status_failed.json").Delivery);

    [Fact]
    public void A_reply_after_the_24_hour_window_fails_in_words_operators_recognise()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ChannelKit.Fixture("whatsapp", "status_failed.json")).Replace("131049", "131047"));
        Assert.StartsWith("WhatsApp allows replies only within 24 hours of the customer's last message",
            Assert.Single(WhatsApp.Parse(body)).Delivery!.Reason);
    }

    [Fact]
    public void A_batch_gives_every_event_in_order_each_to_its_own_customer()
    {
        var events = WhatsApp.Parse(ChannelKit.Fixture("whatsapp", "batch_two_customers.json"));
        Assert.Equal([(InboundKind.Text, "16505551234", "First"), (InboundKind.Text, "16505559876", "Second"), (InboundKind.DeliveryStatus, "16505551234", null)],
            events.Select(e => (e.Kind, e.ChatId, e.Text)));
        Assert.Equal("Pablo Morales", events[1].Sender!.FirstName);
        Assert.Equal(new UpdateEnvelope("wamid.BATCH0001", "16505551234"), Envelope("batch_two_customers.json"));
    }

    [Fact]
    public void A_customer_whose_phone_is_withheld_is_known_by_their_business_scoped_id()
    {
        var e = One("username_user.json");
        Assert.Equal(("US.13491208655302741918", "Sheena"), (e.ChatId, e.Sender!.FirstName));
        Assert.Equal("US.13491208655302741918", Envelope("username_user.json")!.ChatKey);
    }

    [Fact]
    public void A_webhook_of_another_field_is_kept_once_by_its_content()
    {
        var body = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}"""u8.ToArray();
        var envelope = WhatsApp.ReadEnvelope(body)!;
        Assert.StartsWith("account_update:", envelope.ExternalId);
        Assert.Equal(envelope, WhatsApp.ReadEnvelope(body));
        Assert.Equal(InboundKind.Service, Assert.Single(WhatsApp.Parse(body)).Kind);
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account"}""")]
    [InlineData("""{"entry":[]}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"entry":[{"changes":[{"value":{}}]}]} trailing""")]
    public void A_body_that_is_not_a_webhook_has_no_envelope(string body) =>
        Assert.Null(WhatsApp.ReadEnvelope(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_stored_body_that_is_not_a_webhook_is_unreadable() =>
        Assert.Throws<UnreadableUpdateException>(() => WhatsApp.Parse("""{"entry":[]}"""u8));
}
