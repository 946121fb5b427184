using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Telegram;

public class TelegramEnvelopeTests
{
    private readonly IChannelAdapter _telegram = ChannelKit.Services().Adapter(Messenger.Telegram);

    private UpdateEnvelope? Read(string json) => _telegram.ReadEnvelope(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("message_text.json", "1111111")]
    [InlineData("edited_message.json", "1111111")]
    [InlineData("callback_query_with_message.json", "-1001234567")]
    [InlineData("callback_query.json", "1111111")]
    [InlineData("my_chat_member_kicked.json", "1111111")]
    [InlineData("inline_query.json", "1111111")]
    public void The_chat_key_is_the_same_chat_the_parser_reports(string fixture, string chat)
    {
        var body = ChannelKit.Fixture("telegram", fixture);
        Assert.Equal(chat, _telegram.ReadEnvelope(body)!.ChatKey);
        // Updates are queued per chat key and processed per chat id: the two must agree.
        Assert.Equal(chat, Assert.Single(_telegram.Parse(body)).ChatId);
    }

    [Fact]
    public void The_update_id_is_the_external_id()
    {
        Assert.Equal(new UpdateEnvelope("10000", "1111111"), _telegram.ReadEnvelope(ChannelKit.Fixture("telegram", "message_text.json")));
    }

    [Fact]
    public void A_channel_post_is_keyed_by_its_channel()
    {
        Assert.Equal("-100777", Read("""{"update_id":3,"channel_post":{"message_id":1,"date":1,"chat":{"id":-100777,"type":"channel"}}}""")!.ChatKey);
    }

    [Fact]
    public void An_update_with_neither_chat_nor_user_is_keyed_by_its_own_id()
    {
        Assert.Equal(new UpdateEnvelope("77", "update:77"), Read("""{"update_id":77,"poll":{"id":"p","question":"?","options":[]}}"""));
    }

    [Fact]
    public void A_big_update_id_keeps_every_digit()
    {
        Assert.Equal("9007199254740993", Read("""{"update_id":9007199254740993}""")!.ExternalId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"update_id":1}garbage""")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("""{"message":{"chat":{"id":1}}}""")]
    [InlineData("""{"update_id":"10000"}""")]
    [InlineData("""{"update_id":1.5}""")]
    [InlineData("""{"update_id":null}""")]
    public void A_body_that_is_not_an_update_has_no_envelope(string body)
    {
        Assert.Null(Read(body));
    }
}
