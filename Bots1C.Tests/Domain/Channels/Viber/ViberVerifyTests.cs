using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Viber;

namespace Bots1C.Tests.Domain.Channels.Viber;

public class ViberVerifyTests
{
    private static readonly BotCredentials Bot = new(1, "Shop", Messenger.Viber, "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9", null, null, null);
    private static readonly BotCredentials OtherBot = Bot with { BotId = 2, Token = "4453b6ac12345678-e02c5f12174805f9-daec5fbb2542bb51" };
    private readonly IChannelAdapter _viber = ChannelKit.Services().Adapter(Messenger.Viber);
    private readonly byte[] _body = ChannelKit.Fixture("viber", "message_text.json");

    /// <summary>What Viber puts in the header: lowercase hex of HMAC-SHA256 over the raw body, keyed with the token.</summary>
    private static string Sign(string token, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body));

    private VerifyOutcome Verify(BotCredentials bot, string? signature, byte[]? body = null) =>
        _viber.Verify(bot, name => name == ViberAdapter.SignatureHeader ? signature : null, body ?? _body);

    [Fact]
    public void A_signature_made_with_the_bots_token_is_genuine()
    {
        Assert.Equal(VerifyOutcome.Genuine, Verify(Bot, Sign(Bot.Token, _body)));
    }

    [Fact]
    public void A_body_changed_after_signing_is_forbidden()
    {
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(_body).Replace("a message to the service", "transfer everything"));
        Assert.Equal(VerifyOutcome.Forbidden, Verify(Bot, Sign(Bot.Token, _body), forged));
    }

    [Fact]
    public void A_missing_signature_is_forbidden()
    {
        Assert.Equal(VerifyOutcome.Forbidden, Verify(Bot, null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    public void A_signature_that_is_not_a_digest_is_forbidden(string signature)
    {
        Assert.Equal(VerifyOutcome.Forbidden, Verify(Bot, signature));
    }

    [Fact]
    public void A_signature_made_with_another_bots_token_is_forbidden()
    {
        Assert.Equal(VerifyOutcome.Forbidden, Verify(Bot, Sign(OtherBot.Token, _body)));
    }
}
