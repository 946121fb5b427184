using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Viber;

public class ViberEnvelopeTests
{
    private readonly IChannelAdapter _viber = ChannelKit.Services().Adapter(Messenger.Viber);

    private UpdateEnvelope? Read(string json) => _viber.ReadEnvelope(Encoding.UTF8.GetBytes(json));

    private UpdateEnvelope? ReadFixture(string name) => _viber.ReadEnvelope(ChannelKit.Fixture("viber", name));

    [Theory]
    [InlineData("message_text.json")]
    [InlineData("subscribed.json")]
    [InlineData("conversation_started.json")]
    [InlineData("unsubscribed.json")]
    public void The_chat_key_is_the_user_wherever_the_event_puts_them(string fixture)
    {
        var body = ChannelKit.Fixture("viber", fixture);
        Assert.Equal("01234567890A=", _viber.ReadEnvelope(body)!.ChatKey);
        // Updates are queued per chat key and processed per chat id: the two must agree.
        Assert.Equal("01234567890A=", Assert.Single(_viber.Parse(body)).ChatId);
    }

    [Theory]
    [InlineData("delivered.json")]
    [InlineData("failed.json")]
    public void Delivery_reports_are_queued_apart_from_what_the_user_says(string fixture)
    {
        Assert.Equal("reports:01234567890A=", _viber.ReadEnvelope(ChannelKit.Fixture("viber", fixture))!.ChatKey);
    }

    [Fact]
    public void The_message_token_is_the_external_id_with_every_digit()
    {
        // 4912661846655238145 is beyond a double's 53 bits: read as a double it would become …238144.
        Assert.Equal("4912661846655238145", ReadFixture("message_text.json")!.ExternalId);
    }

    [Fact]
    public void Delivered_and_seen_for_the_same_message_are_two_distinct_updates()
    {
        // Both carry the token of our message; keyed by the token alone, "seen" would be dropped as a repeat of "delivered".
        var delivered = ReadFixture("delivered.json")!.ExternalId;
        var seen = ReadFixture("seen.json")!.ExternalId;
        Assert.NotEqual(delivered, seen);
        Assert.NotEqual(ReadFixture("message_text.json")!.ExternalId, delivered);
    }

    [Fact]
    public void The_webhook_callback_has_its_token_and_a_chat_key_of_its_own()
    {
        Assert.Equal(new UpdateEnvelope("5466394344559121456", "event:webhook"), ReadFixture("webhook.json"));
    }

    [Fact]
    public void Without_a_token_the_event_and_timestamp_identify_the_callback()
    {
        Assert.Equal(new UpdateEnvelope("webhook:1595347748566", "event:webhook"), Read("""{"event":"webhook","timestamp":1595347748566}"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"event":"message","timestamp":1}trailing""")]
    [InlineData("[]")]
    [InlineData("""{"timestamp":1457764197627,"message_token":1}""")]
    [InlineData("""{"event":"","timestamp":1457764197627,"message_token":1}""")]
    [InlineData("""{"event":7,"timestamp":1457764197627,"message_token":1}""")]
    [InlineData("""{"event":"message"}""")]
    public void A_body_that_is_not_a_callback_has_no_envelope(string body)
    {
        Assert.Null(Read(body));
    }
}
