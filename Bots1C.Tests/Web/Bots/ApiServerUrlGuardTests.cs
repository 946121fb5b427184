using System.Net;
using System.Text.Json;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Bots;

/// <summary>
/// A bot's API server address receives the bot's token, so it may only be the messenger's official host unless
/// Bots1C:Messengers:ApiAllowedHosts lists it: the REST API (and the bot card, same validator) refuse anything else.
/// </summary>
public sealed class ApiServerUrlGuardTests : IDisposable
{
    private const string Setting = "Bots1C:Messengers:ApiAllowedHosts";
    private readonly List<Bots1CAppFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
    }

    private Task<HttpResponseMessage> CreateAsync(string messenger, string apiServerUrl, params string[] allowed)
    {
        var app = new Bots1CAppFactory().WithApiKey().AllowingMessengerHosts(allowed);
        _apps.Add(app);
        var token = messenger == "Viber" ? MessagePath.ViberToken : MessagePath.TelegramToken;
        return app.CreateApiClient().PostJsonAsync("/api/v1/bots",
            new { name = "Shop", messenger, token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl });
    }

    private static async Task<string> ApiServerUrlErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        Assert.Equal(["apiServerUrl"], errors.Keys);
        return Assert.Single(errors["apiServerUrl"]);
    }

    [Theory]
    [InlineData("Telegram", "http://127.0.0.1:8081")]
    [InlineData("Telegram", "http://localhost:8081")]
    [InlineData("Telegram", "http://[::1]:8081")]
    [InlineData("Viber", "http://127.0.0.1:8081")]
    public async Task An_api_server_on_loopback_is_refused_by_default_naming_the_setting(string messenger, string url)
    {
        var error = await ApiServerUrlErrorAsync(await CreateAsync(messenger, url));

        Assert.Contains(new Uri(url).DnsSafeHost, error);
        Assert.Contains(Setting, error);
    }

    [Theory]
    [InlineData("Telegram", "https://telegram-relay.example.com")]
    [InlineData("Viber", "https://api.telegram.org")]
    [InlineData("Telegram", "https://chatapi.viber.com")]
    public async Task A_public_host_other_than_the_messengers_own_is_refused_by_default(string messenger, string url)
    {
        Assert.Contains(Setting, await ApiServerUrlErrorAsync(await CreateAsync(messenger, url)));
    }

    [Theory]
    [InlineData("Telegram", "https://api.telegram.org")]
    [InlineData("Telegram", "https://API.Telegram.org/")]
    [InlineData("Viber", "https://chatapi.viber.com")]
    public async Task The_messengers_official_host_is_accepted(string messenger, string url)
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(messenger, url)).StatusCode);
    }

    [Fact]
    public async Task A_server_in_a_listed_network_is_accepted()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("Telegram", "http://127.0.0.1:8081", "127.0.0.0/8")).StatusCode);
    }

    [Fact]
    public async Task A_server_listed_by_name_is_accepted()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("Telegram", "http://botapi.office.lan:8081", "botapi.office.lan")).StatusCode);
    }
}
