using System.Net;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Http;

/// <summary>
/// X-Forwarded-For / X-Forwarded-Proto are believed only from the reverse proxies the administrator names
/// (Bots1C:ReverseProxy:KnownProxies / KnownNetworks). From anyone else — loopback included — they are ignored, so a
/// caller cannot pick a new address for each request and slip past the chat window's per-address limit.
/// </summary>
public class ForwardedHeadersTests
{
    /// <summary>The chat API's limit per address and minute (WebChatRateLimit), one call past it.</summary>
    private const int PastTheLimit = 121;

    private static async Task<List<HttpStatusCode>> CallTheChatWithANewForwardedAddressEachTimeAsync(string appUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(appUrl) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PastTheLimit; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/webchat/no-such-bot/messages");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i % 250 + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_network_share_the_chat_windows_limit()
    {
        // One customer line is given a whole /64: counting single addresses would give a script billions of fresh starts.
        using var app = new Bots1CAppFactory();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PastTheLimit; i++)
            statuses.Add((await app.CreateClient().From($"2001:db8:1:2::{i + 1:x}").GetAsync("/webchat/no-such-bot/messages")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_proxy_nobody_configured_are_reported_once_with_the_setting_that_fixes_it()
    {
        using var app = new Bots1CAppFactory();
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            await client.SendAsync(request);
        }

        await using var db = await app.Db();
        var notice = Assert.Single(await db.Events.AsNoTracking().Where(e => e.Code == "ProxyNotTrusted").ToListAsync());
        Assert.Contains("Bots1C:ReverseProxy:KnownProxies", notice.Message);
    }

    [Fact]
    public async Task Without_configured_proxies_a_forwarded_address_is_ignored_and_the_limit_counts_the_real_caller()
    {
        using var app = new Bots1CAppFactory();
        var appUrl = app.StartOnKestrel();

        var statuses = await CallTheChatWithANewForwardedAddressEachTimeAsync(appUrl);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task From_a_configured_proxy_the_forwarded_address_is_the_caller()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:ReverseProxy:KnownProxies:0", "127.0.0.1");
        var appUrl = app.StartOnKestrel();

        var statuses = await CallTheChatWithANewForwardedAddressEachTimeAsync(appUrl);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task From_a_configured_network_the_forwarded_address_is_the_caller()
    {
        using var app = new Bots1CAppFactory().With("Bots1C:ReverseProxy:KnownNetworks:0", "127.0.0.0/8");
        var appUrl = app.StartOnKestrel();

        var statuses = await CallTheChatWithANewForwardedAddressEachTimeAsync(appUrl);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task X_Forwarded_Proto_makes_the_request_HTTPS_only_from_a_configured_proxy()
    {
        using var trusted = new Bots1CAppFactory().With("Bots1C:ReverseProxy:KnownProxies:0", "127.0.0.1");
        using var untrusted = new Bots1CAppFactory();

        Assert.True(await SeenAsHttpsAsync(trusted.StartOnKestrel()));
        Assert.False(await SeenAsHttpsAsync(untrusted.StartOnKestrel()));
    }

    /// <summary>HSTS is sent only over HTTPS (and never for a loopback host name), so it shows which scheme the app believed.</summary>
    private static async Task<bool> SeenAsHttpsAsync(string appUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(appUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, "/setup");
        request.Headers.Host = "bot.example.ru";
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        return response.Headers.Contains("Strict-Transport-Security");
    }
}
