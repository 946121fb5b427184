using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Telegram;

namespace Bots1C.Tests.Domain.Channels.Telegram;

public class TelegramVerifyTests
{
    private static readonly BotCredentials Bot = new(1, "Shop", Messenger.Telegram, "7000000:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", null, null, "s3cret_for-bot-1");
    private static readonly BotCredentials OtherBot = Bot with { BotId = 2, WebhookSecret = "another_bots_secret" };
    private readonly IChannelAdapter _telegram = ChannelKit.Services().Adapter(Messenger.Telegram);
    private readonly byte[] _body = ChannelKit.Fixture("telegram", "message_text.json");

    private VerifyOutcome Verify(BotCredentials bot, string? secret) =>
        _telegram.Verify(bot, name => name == TelegramAdapter.SecretHeader ? secret : null, _body);

    [Fact]
    public void The_bots_own_secret_is_genuine()
    {
        Assert.Equal(VerifyOutcome.Genuine, Verify(Bot, "s3cret_for-bot-1"));
    }

    [Fact]
    public void A_wrong_secret_is_unauthorized()
    {
        Assert.Equal(VerifyOutcome.Unauthorized, Verify(Bot, "s3cret_for-bot-2"));
    }

    [Fact]
    public void A_prefix_of_the_secret_is_unauthorized()
    {
        Assert.Equal(VerifyOutcome.Unauthorized, Verify(Bot, "s3cret"));
    }

    [Fact]
    public void A_missing_secret_is_unauthorized()
    {
        Assert.Equal(VerifyOutcome.Unauthorized, Verify(Bot, null));
    }

    [Fact]
    public void Another_bots_secret_is_unauthorized()
    {
        // Someone who knows bot 1's webhook cannot post into bot 2's.
        Assert.Equal(VerifyOutcome.Unauthorized, Verify(OtherBot, "s3cret_for-bot-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_bot_without_a_secret_accepts_nothing_even_an_empty_header(string? botSecret)
    {
        Assert.Equal(VerifyOutcome.Unauthorized, Verify(Bot with { WebhookSecret = botSecret }, ""));
    }
}
