using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.JivoChat;

/// <summary>Jivo's bot endpoint (<c>/webhooks/{provider_id}/{token}</c>) on loopback, and the bot that posts to it.</summary>
public sealed class JivoChatApiFake : IDisposable
{
    public const string ProviderId = "bots1c-provider";
    public const string Token = "jivo-agreed-token-5f2c9a";
    public const string EndpointPath = $"/webhooks/{ProviderId}/{Token}";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.JivoChat, Token, ProviderId, Server.Url, null);

    public JivoChatApiFake Answers(int status, string body = "", string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        if (retryAfter is not null)
            response = response.WithHeader("Retry-After", retryAfter);
        Server.Given(Request.Create().WithPath(EndpointPath).UsingPost()).RespondWith(response);
        return this;
    }

    public void Dispose() => Server.Stop();
}
