using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.Max;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>MAX signs nothing: the secret given to POST /subscriptions comes back in X-Max-Bot-Api-Secret on every update.</summary>
public class MaxVerifyTests
{
    private static readonly IChannelAdapter Max = ChannelKit.Services().Adapter(Messenger.Max);
    private static readonly BotCredentials Bot = new(1, "Shop", Messenger.Max, MaxApiFake.Token, null, null, MaxApiFake.Secret);

    private static Func<string, string?> Headers(string? secret) => name => name == MaxAdapter.SecretHeader ? secret : null;

    [Fact]
    public void The_bots_own_secret_is_genuine() =>
        Assert.Equal(VerifyOutcome.Genuine, Max.VerifyHeaders(Bot, Headers(MaxApiFake.Secret)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Wk3pQ9xZr2LmT7vB4nC8sD1fG6hJ0aE5yU-iO_pKq3wXz7Rx")]
    [InlineData("Wk3pQ9xZr2LmT7vB4nC8sD1fG6hJ0aE5yU")]
    public void A_missing_or_wrong_secret_is_unauthorized_before_the_body_is_read(string? presented) =>
        Assert.Equal(VerifyOutcome.Unauthorized, Max.VerifyHeaders(Bot, Headers(presented)));

    [Fact]
    public void A_bot_without_a_secret_cannot_be_verified_at_all() =>
        Assert.Equal(VerifyOutcome.Unauthorized, Max.VerifyHeaders(Bot with { WebhookSecret = null }, Headers("")));

    [Fact]
    public void The_body_adds_nothing_to_the_header_check() =>
        Assert.Equal(VerifyOutcome.Unauthorized, Max.Verify(Bot, Headers("forged"), ChannelKit.Fixture("max", "message_callback.json")));
}
