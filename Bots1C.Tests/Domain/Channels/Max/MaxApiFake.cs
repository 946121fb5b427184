using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.Max;

/// <summary>MAX's Bot API on loopback answering whatever a test tells it to, and the bot that talks to it.</summary>
public sealed class MaxApiFake : IDisposable
{
    public const string Token = "f9LHodD0cOKxR2n0Gz3Jq8tVbW5yX7aC1eD4fH6iJ9kL0mN2oP3qR5sT8uV_w-Yz";
    public const string Secret = "Wk3pQ9xZr2LmT7vB4nC8sD1fG6hJ0aE5yU-iO_pKq3wXz7Rt";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.Max, Token, null, Server.Url, Secret);

    public MaxApiFake Answers(string method, string path, int status, string body, TimeSpan? delay = null, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
            response = response.WithHeader("Retry-After", retryAfter);
        if (delay is { } d)
            response = response.WithDelay(d);
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
        return this;
    }

    /// <summary>A message MAX accepted, as POST /messages answers it.</summary>
    public static string Sent(string mid) =>
        $$$$"""{"message":{"recipient":{"chat_id":182182182,"chat_type":"dialog","user_id":123456789},"timestamp":1775026671403,"body":{"mid":"{{{{mid}}}}","seq":1,"text":"ok"}}}""";

    public void Dispose() => Server.Stop();
}
