using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Channels.WhatsApp;

/// <summary>Meta's verification GET and X-Hub-Signature-256 over the raw body, keyed with the app secret.</summary>
public sealed class WhatsAppVerifyTests : IDisposable
{
    private readonly ServiceProvider _services = ChannelKit.Services();
    private readonly WhatsAppApiFake _api = new();
    private IChannelAdapter WhatsApp => _services.Adapter(Messenger.WhatsApp);
    private static readonly byte[] Body = ChannelKit.Fixture("whatsapp", "message_text.json");

    public void Dispose()
    {
        _services.Dispose();
        _api.Dispose();
    }

    public static string Signature(byte[] body, string secret = WhatsAppApiFake.AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static Func<string, string?> Headers(string? signature) => name => name == "X-Hub-Signature-256" ? signature : null;

    private static Func<string, string?> Query(params (string Name, string Value)[] pairs) =>
        name => pairs.Where(p => p.Name == name).Select(p => p.Value).FirstOrDefault();

    [Fact]
    public void A_body_signed_with_the_app_secret_is_genuine() =>
        Assert.Equal((VerifyOutcome.Genuine, VerifyOutcome.Genuine),
            (WhatsApp.VerifyHeaders(_api.Bot, Headers(Signature(Body))), WhatsApp.Verify(_api.Bot, Headers(Signature(Body)), Body)));

    [Fact]
    public void Upper_case_hex_is_the_same_signature() =>
        Assert.Equal(VerifyOutcome.Genuine, WhatsApp.Verify(_api.Bot, Headers("sha256=" + Signature(Body)[7..].ToUpperInvariant()), Body));

    [Fact]
    public void A_signature_with_another_secret_is_forbidden() =>
        Assert.Equal(VerifyOutcome.Forbidden, WhatsApp.Verify(_api.Bot, Headers(Signature(Body, "another-apps-secret")), Body));

    [Fact]
    public void A_changed_body_is_forbidden()
    {
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("color", "colour"));
        Assert.Equal(VerifyOutcome.Forbidden, WhatsApp.Verify(_api.Bot, Headers(Signature(Body)), changed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex")]
    [InlineData("sha256=abc")]
    public void A_missing_or_malformed_header_is_refused_before_the_body_is_read(string? header) =>
        Assert.Equal(VerifyOutcome.Forbidden, WhatsApp.VerifyHeaders(_api.Bot, Headers(header)));

    [Fact]
    public void A_bot_without_an_app_secret_takes_nothing()
    {
        var bot = _api.Bot with { AppSecret = null };
        Assert.Equal((VerifyOutcome.Forbidden, VerifyOutcome.Forbidden),
            (WhatsApp.VerifyHeaders(bot, Headers(Signature(Body))), WhatsApp.Verify(bot, Headers(Signature(Body, "")), Body)));
    }

    [Fact]
    public void The_verification_GET_with_our_verify_token_is_answered_with_the_challenge() =>
        Assert.Equal(new WebhookReply(200, "1158201444"), WhatsApp.AnswerGet(_api.Bot,
            Query(("hub.mode", "subscribe"), ("hub.challenge", "1158201444"), ("hub.verify_token", WhatsAppApiFake.VerifyToken))));

    [Theory]
    [InlineData("subscribe", "wrong-token")]
    [InlineData("subscribe", "")]
    [InlineData("unsubscribe", WhatsAppApiFake.VerifyToken)]
    public void A_verification_GET_without_our_token_is_refused_with_403(string mode, string token) =>
        Assert.Equal(403, WhatsApp.AnswerGet(_api.Bot, Query(("hub.mode", mode), ("hub.challenge", "1158201444"), ("hub.verify_token", token)))!.Status);

    [Fact]
    public void A_GET_without_hub_mode_is_a_persons_browser() =>
        Assert.Null(WhatsApp.AnswerGet(_api.Bot, Query()));
}
