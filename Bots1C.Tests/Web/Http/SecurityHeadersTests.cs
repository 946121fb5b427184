using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bots1C.Domain.FirstRun;
using Bots1C.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Http;

/// <summary>
/// Pages tell the browser what they may do: no MIME sniffing, a referrer without paths for other sites, scripts only
/// from this app (the one inline script, Blazor's import map, by the request's nonce), framing only by this app — or,
/// for the chat window, by the sites the bot allows — and HSTS once the app is reached over HTTPS.
/// </summary>
public partial class SecurityHeadersTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();

    public void Dispose() => _app.Dispose();

    private HttpClient Client(string baseAddress = "http://localhost") =>
        _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    private static string Csp(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(", ", values) : "";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [Fact]
    public async Task A_page_forbids_sniffing_limits_the_referrer_and_allows_scripts_only_from_the_app()
    {
        var response = await Client().GetAsync("/setup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var csp = Csp(response);
        Assert.Matches(@"script-src 'self' 'nonce-[^']+'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Null(Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Blazors_import_map_carries_the_nonce_of_the_pages_policy()
    {
        var response = await Client().GetAsync("/setup");

        var nonce = Regex.Match(Csp(response), @"'nonce-([^']+)'").Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync();
        var importMap = Regex.Match(html, @"<script[^>]*type=""importmap""[^>]*nonce=""([^""]+)""");
        Assert.True(importMap.Success, "the page has Blazor's import map with a nonce");
        Assert.Equal(nonce, WebUtility.HtmlDecode(importMap.Groups[1].Value));
    }

    [Fact]
    public async Task Over_HTTPS_a_page_asks_the_browser_to_keep_to_HTTPS()
    {
        var response = await Client("https://bot.example.ru").GetAsync("/setup"); // never sent for a loopback host name

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_API_answer_forbids_sniffing_too()
    {
        var response = await Client().GetAsync("/api/v1/bots");

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    /// <summary>The PDF preview is shown in a frame of the app's own page: same-origin framing stays allowed.</summary>
    [Fact]
    public async Task A_file_the_app_serves_may_be_framed_by_the_app_itself_only()
    {
        var response = await Client().GetAsync("/assets/img/logo.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.NotEqual("DENY", Header(response, "X-Frame-Options")?.ToUpperInvariant());
    }

    [Fact]
    public async Task The_chat_window_may_be_framed_by_the_bots_allowed_sites_and_runs_only_the_apps_scripts()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru/bots_unf", allowedOrigins = "https://shop.example.ru",
        });

        var response = await Client().GetAsync($"/webchat/{ApiClient.BotKeyOf(bot)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Csp(response);
        Assert.Contains("frame-ancestors 'self' https://shop.example.ru", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Null(Header(response, "X-Frame-Options")); // it would forbid the allowed sites' frames
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task The_demo_site_may_load_the_chat_launcher_from_the_demo_bots_public_address()
    {
        await _app.Services.GetRequiredService<DemoSetup>().EnsureAsync("https://bot.example.ru/bots_unf/", "Demo", CultureInfo.GetCultureInfo("en-US"), "admin@example.ru");

        var response = await Client().GetAsync("/demo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://bot.example.ru/bots_unf/assets/webchat.js", await response.Content.ReadAsStringAsync());
        var csp = Csp(response);
        Assert.Matches(@"script-src 'self' https://bot\.example\.ru[; ]", csp + ";");
        Assert.Contains("frame-ancestors 'self'", csp);
    }

    [Fact]
    public async Task The_API_reference_page_runs_its_own_inline_start_script()
    {
        var response = await Client().GetAsync("/api/reference/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Csp(response);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }
}
