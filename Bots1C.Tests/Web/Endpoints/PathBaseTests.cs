using System.Net;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Endpoints;

/// <summary>Published under a path (the original's publication name, e.g. /bots_unf) behind a reverse proxy.</summary>
public class PathBaseTests
{
    [Fact]
    public async Task Webhooks_pages_and_health_answer_under_the_publication_path()
    {
        using var app = new Bots1CAppFactory().WithApiKey().With("PathBase", "/bots_unf");
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru/bots_unf" });
        var client = app.CreateBrowserLikeClient();

        Assert.Equal("Status: Ready", await client.GetStringAsync($"/bots_unf/webhooks/{ApiClient.BotKeyOf(bot)}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bots_unf/health")).StatusCode);
        var setup = await client.GetAsync("/bots_unf/account/login");
        Assert.Equal("/bots_unf/setup", setup.RedirectPath());
        var page = await client.GetPageAsync("/bots_unf/setup");
        Assert.Equal("/bots_unf/", page.QuerySelector("base")!.GetAttribute("href"));
    }
}
