using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Vk;

public class VkEnvelopeTests
{
    private readonly IChannelAdapter _vk = ChannelKit.Services().Adapter(Messenger.Vk);

    private UpdateEnvelope? Read(string json) => _vk.ReadEnvelope(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_event_id_is_the_external_id() =>
        Assert.Equal("0f5e1c6b7a2d4e8f9a1b3c5d7e9f0a2b4c6d8e0f", _vk.ReadEnvelope(VkForms.Fixture("message_new_text.json"))!.ExternalId);

    [Theory]
    [InlineData("message_new_text.json", "612444319")]
    [InlineData("message_new_chat.json", "2000000066")]
    [InlineData("message_event.json", "612444319")]
    [InlineData("message_allow.json", "612444319")]
    [InlineData("message_deny.json", "612444319")]
    [InlineData("message_edit.json", "612444319")]
    public void The_chat_key_is_the_peer_and_agrees_with_the_parsed_chat(string fixture, string chat)
    {
        var body = VkForms.Fixture(fixture);
        Assert.Equal(chat, _vk.ReadEnvelope(body)!.ChatKey);
        // Updates are queued per chat key and processed per chat id: the two must agree.
        Assert.Equal(chat, Assert.Single(_vk.Parse(body)).ChatId);
    }

    [Fact]
    public void Read_reports_are_queued_apart_from_what_the_customer_says() =>
        Assert.Equal("reports:612444319", _vk.ReadEnvelope(VkForms.Fixture("message_read.json"))!.ChatKey);

    [Fact]
    public void An_event_without_an_object_has_a_chat_key_of_its_own() =>
        Assert.Equal(new UpdateEnvelope("e1", "event:wall_post_new"), Read("""{"type":"wall_post_new","event_id":"e1","group_id":1}"""));

    [Fact]
    public void Without_an_event_id_the_bodys_digest_identifies_the_event()
    {
        var first = Read("""{"type":"group_join","object":{"user_id":1},"group_id":1}""")!.ExternalId;
        Assert.StartsWith("body:", first);
        Assert.Equal(first, Read("""{"type":"group_join","object":{"user_id":1},"group_id":1}""")!.ExternalId);
        Assert.NotEqual(first, Read("""{"type":"group_join","object":{"user_id":2},"group_id":1}""")!.ExternalId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"message_new","event_id":"x"}trailing""")]
    [InlineData("""{"event_id":"x","object":{}}""")]
    [InlineData("""{"type":"","event_id":"x"}""")]
    [InlineData("""{"type":7,"event_id":"x"}""")]
    public void A_body_that_is_not_an_event_has_no_envelope(string body) => Assert.Null(Read(body));
}
