using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.Viber;

/// <summary>Viber's REST API on loopback answering whatever a test tells it to, and the bot that talks to it.</summary>
public sealed class ViberApiFake : IDisposable
{
    public const string Token = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.Viber, Token, null, Server.Url, null);

    public ViberApiFake Answers(string path, int status, string body, TimeSpan? delay = null, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
            response = response.WithHeader("Retry-After", retryAfter);
        if (delay is { } d)
            response = response.WithDelay(d);
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
        return this;
    }

    public void Dispose() => Server.Stop();
}
