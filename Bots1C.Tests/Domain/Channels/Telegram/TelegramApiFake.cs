using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.Telegram;

/// <summary>A Bot API server on loopback answering whatever a test tells it to, and the bot that talks to it.</summary>
public sealed class TelegramApiFake : IDisposable
{
    public const string Token = "7000000:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.Telegram, Token, null, Server.Url, "s3cret_for-bot-1");

    /// <summary>A message as Telegram returns it from sendMessage / sendDocument.</summary>
    public const string SentMessage = """{"ok":true,"result":{"message_id":4242,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}""";

    public TelegramApiFake Answers(string method, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
            response = response.WithDelay(d);
        Server.Given(Request.Create().WithPath($"/bot{Token}/{method}").UsingPost()).RespondWith(response);
        return this;
    }

    public void Dispose() => Server.Stop();
}
