using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.JivoChat;

/// <summary>The de-duplication key (the event's id) and the chat (chat_id with client_id) the webhook stores a Jivo event under.</summary>
public sealed class JivoChatEnvelopeTests : IDisposable
{
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Jivo => _services.Adapter(Messenger.JivoChat);

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("client_message_text.json", "9661ab9c-48b0-11ed-a3d6-859398ff9bd9")]
    [InlineData("client_message_button.json", "6b7c9a10-48b1-11ed-a3d6-859398ff9bd9")]
    [InlineData("agent_joined.json", "event-4")]
    [InlineData("agent_unavailable.json", "b2c3d4e5-48b2-11ed-a3d6-859398ff9bd9")]
    [InlineData("chat_closed.json", "c3d4e5f6-48b2-11ed-a3d6-859398ff9bd9")]
    public void Each_event_is_keyed_by_its_id_in_its_chat(string fixture, string id) =>
        Assert.Equal(new UpdateEnvelope(id, "2037/1233"), Jivo.ReadEnvelope(ChannelKit.Fixture("jivochat", fixture)));

    [Fact]
    public void Numeric_ids_are_read_as_their_digits() =>
        Assert.Equal(new UpdateEnvelope("5", "2037/1233"), Jivo.ReadEnvelope("""{"id":5,"event":"CLIENT_MESSAGE","chat_id":2037,"client_id":1233}"""u8));

    [Theory]
    [InlineData("""{"update_id":1,"message":{"text":"hi"}}""")] // another messenger's update
    [InlineData("""{"id":"e1","chat_id":"2037","client_id":"1233"}""")] // no event
    [InlineData("""{"id":"e1","event":"client message","chat_id":"2037"}""")] // not Jivo's spelling
    [InlineData("""{"event":"CLIENT_MESSAGE","chat_id":"2037","client_id":"1233"}""")] // no id
    [InlineData("""{"id":"e1","event":"CLIENT_MESSAGE","client_id":"1233"}""")] // no chat
    [InlineData("""{"id":"e1","event":"CLIENT_MESSAGE","chat_id":"2037","client_id":"12/33"}""")] // a client id we could not split again
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void A_body_that_is_not_a_Jivo_event_has_no_envelope(string body) =>
        Assert.Null(Jivo.ReadEnvelope(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Jivo_documents_no_signature_so_the_secret_bot_key_in_the_address_is_all_there_is()
    {
        var bot = new BotCredentials(1, "Shop", Messenger.JivoChat, "token-of-the-bot", "p1", null, null);
        Assert.Equal(VerifyOutcome.Genuine, Jivo.VerifyHeaders(bot, _ => null));
        Assert.Equal(VerifyOutcome.Genuine, Jivo.Verify(bot, _ => null, ChannelKit.Fixture("jivochat", "client_message_text.json")));
    }
}
