using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.WebChat;

/// <summary>A web-chat bot on the real app with the scenarios a test needs, and a visitor's session on it, made the way
/// the administrator (REST API) and the chat window (its session endpoint) make them.</summary>
internal static class WebChatSite
{
    public static async Task<(long Id, string Key)> CreateBotAsync(Bots1CAppFactory app, ScenarioBuilder scenario, bool notMatched = false)
    {
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" });
        var botId = bot.GetProperty("id").GetInt64();
        var saved = await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(scenario.Definition, "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        await using (var db = await app.Db())
        {
            db.BotScenarios.Add(new BotScenario { BotId = botId, ScenarioId = saved.Scenario!.Id });
            if (notMatched)
                (await db.Bots.SingleAsync(b => b.Id == botId)).NotMatchedScenarioId = saved.Scenario.Id;
            await db.SaveChangesAsync();
        }
        app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        return (botId, ApiClient.BotKeyOf(bot));
    }

    /// <summary>A new visitor's signed token, as the window gets it on first opening.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient visitor, string botKey)
    {
        var session = await visitor.PostAsJsonAsync($"/webchat/{botKey}/session", new { });
        return (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
