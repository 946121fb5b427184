using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Channels.WhatsApp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.WhatsApp;

/// <summary>Meta's Graph API on loopback answering whatever a test tells it to, and the bot that talks to it.</summary>
public sealed class WhatsAppApiFake : IDisposable
{
    public const string Token = "EAAJB3ZCZAi7ZBwBAL0nZCQZC8ZBZBtestZCtokenZCforZCfakeZCgraph";
    public const string PhoneNumberId = "106540352242922";
    public const string AppSecret = "9f2c4d7a1b3e5f60718293a4b5c6d7e8";
    public const string VerifyToken = "verify-token-48-chars-url-safe-abcdefghijklmnopqr";
    public const string Accepted = """{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.SENT0001"}]}""";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.WhatsApp, Token, PhoneNumberId, Server.Url, VerifyToken) { AppSecret = AppSecret };

    public static string Path(string rest) => $"/{WhatsAppAdapter.GraphVersion}/{rest}";

    public WhatsAppApiFake Answers(string path, int status, string body, bool get = false, TimeSpan? delay = null, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
            response = response.WithHeader("Retry-After", retryAfter);
        if (delay is { } d)
            response = response.WithDelay(d);
        var request = Request.Create().WithPath(path);
        Server.Given(get ? request.UsingGet() : request.UsingPost()).RespondWith(response);
        return this;
    }

    public static string Error(int code, string message = "error", string? details = null) =>
        $$$"""{"error":{"message":"{{{message}}}","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"{{{details ?? message}}}"},"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""";

    public void Dispose() => Server.Stop();
}
