using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.JivoChat;

/// <summary>Every event Jivo posts, from the fixtures (sources in Fixtures/jivochat/README.md), into our inbound events.</summary>
public sealed class JivoChatParseTests : IDisposable
{
    private const string Chat = "2037/1233"; // chat_id/client_id: both travel with every reply
    private readonly ServiceProvider _services = ChannelKit.Services();
    private IChannelAdapter Jivo => _services.Adapter(Messenger.JivoChat);

    public void Dispose() => _services.Dispose();

    private InboundEvent Parse(string fixture) => Assert.Single(Jivo.Parse(ChannelKit.Fixture("jivochat", fixture)));

    [Fact]
    public void A_client_message_is_text_from_the_chats_customer_with_the_senders_name()
    {
        var e = Parse("client_message_text.json");

        Assert.Equal((InboundKind.Text, Chat, "Can you help me?"), (e.Kind, e.ChatId, e.Text));
        Assert.Equal(new Sender(Chat, "John Smith", null, null, null), e.Sender);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1665415879), e.OccurredAt);
        Assert.Equal("9661ab9c-48b0-11ed-a3d6-859398ff9bd9", e.ExternalMessageId);
    }

    [Fact]
    public void A_client_message_naming_one_of_our_buttons_is_a_press_of_that_button()
    {
        var e = Parse("client_message_button.json");

        Assert.Equal((InboundKind.ButtonPress, "s7:m1:b1", "Prices"), (e.Kind, e.ButtonData, e.Text));
    }

    [Fact]
    public void A_photo_with_a_link_is_a_file_fetched_by_that_link()
    {
        var e = Parse("client_message_photo.json");

        Assert.Equal(InboundKind.File, e.Kind);
        Assert.Equal(new InboundFile("https://files.jivosite.com/chat/2037/receipt.jpg", "receipt.jpg", "image/jpeg", 48213, IsImage: true), e.File);
        Assert.Equal("My receipt", e.Text);
    }

    [Fact]
    public void A_client_message_of_a_kind_we_do_not_read_is_a_service_event_named_for_it()
    {
        var e = Parse("client_message_location.json");

        Assert.Equal((InboundKind.Service, "CLIENT_MESSAGE LOCATION"), (e.Kind, e.ServiceName));
    }

    [Fact]
    public void An_agent_joining_names_the_agent()
    {
        var e = Parse("agent_joined.json");

        Assert.Equal((InboundKind.AgentJoined, "Operator", Chat), (e.Kind, e.AgentName, e.Sender!.ExternalUserId));
        Assert.Null(e.Sender.FirstName); // the agent's name is not the customer's
    }

    [Fact]
    public void An_agents_message_carries_the_agent_and_the_text()
    {
        var e = Parse("agent_message.json");

        Assert.Equal((InboundKind.AgentMessage, "Anna", "Hello! I will check your order now."), (e.Kind, e.AgentName, e.Text));
    }

    [Fact]
    public void No_agent_available_and_a_closed_chat_are_their_own_kinds()
    {
        Assert.Equal(InboundKind.AgentsUnavailable, Parse("agent_unavailable.json").Kind);
        Assert.Equal(InboundKind.ChatClosed, Parse("chat_closed.json").Kind);
    }

    [Fact]
    public void An_event_without_a_client_is_kept_but_belongs_to_no_contact()
    {
        var e = Assert.Single(Jivo.Parse("""{"id":"e1","event":"CHAT_CLOSED","chat_id":"2037"}"""u8));

        Assert.Equal((InboundKind.ChatClosed, "2037"), (e.Kind, e.ChatId));
        Assert.Null(e.Sender);
    }

    [Fact]
    public void A_body_that_is_not_a_Jivo_event_is_unreadable()
    {
        Assert.Throws<UnreadableUpdateException>(() => Jivo.Parse("""{"update_id":1}"""u8));
    }
}
