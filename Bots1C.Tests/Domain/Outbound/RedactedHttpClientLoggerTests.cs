using Bots1C.Domain.Logging;
using Bots1C.Domain.Outbound;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bots1C.Tests.Domain.Outbound;

/// <summary>The one log line of an outgoing call names the server and the path's last segment, unless the path holds a secret.</summary>
public class RedactedHttpClientLoggerTests
{
    private static string LineFor(HttpRequestMessage request)
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        new RedactedHttpClientLogger(factory.CreateLogger<RedactedHttpClientLogger>())
            .LogRequestStop(null, request, new HttpResponseMessage(System.Net.HttpStatusCode.OK), TimeSpan.FromMilliseconds(5));
        return Assert.Single(logs.Lines);
    }

    [Fact]
    public void A_call_is_logged_with_its_server_and_the_last_segment_of_its_path() =>
        Assert.Contains("https://api.telegram.org/…/sendMessage", LineFor(new HttpRequestMessage(HttpMethod.Post, "https://api.telegram.org/bot123:secret/sendMessage")));

    [Fact]
    public void A_call_whose_path_holds_a_secret_is_logged_with_its_server_only()
    {
        // JivoChat's endpoint ends with the bot's token: /webhooks/{provider_id}/{token}.
        var line = LineFor(new HttpRequestMessage(HttpMethod.Post, "https://bot.jivosite.com/webhooks/provider-7/the-agreed-token").WithSecretPath());

        Assert.DoesNotContain("the-agreed-token", line);
        Assert.DoesNotContain("provider-7", line);
        Assert.Contains("https://bot.jivosite.com/…", line);
    }
}
