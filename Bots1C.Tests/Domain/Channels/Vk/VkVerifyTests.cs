using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Tests.Domain.Channels.Vk;

/// <summary>VK puts the secret key in the body: the event is genuine when it is the bot's webhook secret.</summary>
public class VkVerifyTests
{
    private static readonly BotCredentials Bot = new(1, "Shop", Messenger.Vk, VkApiFake.Token, VkApiFake.Community, null, VkApiFake.Secret);
    private readonly IChannelAdapter _vk = ChannelKit.Services().Adapter(Messenger.Vk);

    private VerifyOutcome Verify(byte[] body, BotCredentials? bot = null) => _vk.Verify(bot ?? Bot, _ => null, body);

    [Fact]
    public void An_event_carrying_the_bots_secret_is_genuine() =>
        Assert.Equal(VerifyOutcome.Genuine, Verify(VkForms.Fixture("message_new_text.json")));

    [Fact]
    public void An_event_with_another_secret_is_forbidden() =>
        Assert.Equal(VerifyOutcome.Forbidden, Verify(VkForms.Fixture("message_new_text.json", secret: "another-bots-secret")));

    [Fact]
    public void An_event_without_a_secret_is_forbidden() =>
        Assert.Equal(VerifyOutcome.Forbidden, Verify(ChannelKit.Fixture("vk", "message_new_chat.json")));

    [Fact]
    public void A_bot_without_a_webhook_secret_takes_nothing() =>
        Assert.Equal(VerifyOutcome.Forbidden, Verify(VkForms.Fixture("message_new_text.json", secret: ""), Bot with { WebhookSecret = "" }));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"message_new","secret":7}""")]
    public void A_body_without_a_secret_string_is_forbidden(string body) =>
        Assert.Equal(VerifyOutcome.Forbidden, Verify(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void The_headers_alone_decide_nothing_there_is_no_header_to_check() =>
        Assert.Equal(VerifyOutcome.Genuine, _vk.VerifyHeaders(Bot, _ => null));
}
