using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A server restart must not strand a web-chat visitor: what they type meanwhile waits in the window and is sent
/// once the app is back; the window reconnects by itself within seconds.</summary>
public class WebChatRestartBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Answer = "Спасибо, мы получили ваше сообщение.";

    [Fact]
    public async Task A_message_typed_while_the_app_restarts_is_sent_once_when_it_is_back_and_the_bot_answers_it()
    {
        using var data = new TempFolder();
        var port = FreeLoopbackPort();
        using var first = new Bots1CAppFactory(data.Path).WithApiKey();
        var appUrl = first.StartOnKestrel(port);
        var botKey = await WebChatBotAnsweringEverythingAsync(first, appUrl);

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{appUrl}/webchat/{botKey}");
        await page.Locator("body[data-connection=online]").WaitForAsync(new() { Timeout = 15_000 });

        first.Dispose(); // the app stops; the window stays open
        await page.Locator("body[data-connection=offline]").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#wc-text").FillAsync("Где мой заказ?");
        await page.Locator("#wc-text").PressAsync("Enter");
        var mine = page.Locator(".wc-in", new() { HasText = "Где мой заказ?" });
        await page.Locator(".wc-in[data-status=sending]", new() { HasText = "Где мой заказ?" }).WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("отправляется…", await mine.Locator(".wc-status").InnerTextAsync());

        using var second = new Bots1CAppFactory(data.Path);
        second.StartOnKestrel(port); // the same address and database: a restart
        var back = Stopwatch.StartNew();

        await page.Locator("body[data-connection=online]").WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator(".wc-in[data-status=sent]", new() { HasText = "Где мой заказ?" }).WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator(".wc-out", new() { HasText = Answer }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.InRange(back.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(25));
        Assert.Equal("отправлено", await mine.Locator(".wc-status").InnerTextAsync());
        Assert.Single(await second.MessagesAsync(), m => m.Direction == MessageDirection.Incoming && m.Text == "Где мой заказ?");
        Assert.Equal(1, await page.Locator(".wc-in").CountAsync());
    }

    /// <summary>A web-chat bot whose "not matched" scenario answers every message with <see cref="Answer"/>.</summary>
    private static async Task<string> WebChatBotAnsweringEverythingAsync(Bots1CAppFactory app, string appUrl)
    {
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl });
        var botId = bot.GetProperty("id").GetInt64();
        var saved = await app.Services.GetRequiredService<ScenarioCatalog>()
            .CreateAsync(ScenarioBuilder.Named("Not matched").StartsWith("m").Message("m", Answer).Then("end").End("end").Definition, "test");
        Assert.Empty(saved.Problems.Select(p => $"{p.Code} at {p.Place}"));
        await using (var db = await app.Db())
        {
            db.BotScenarios.Add(new BotScenario { BotId = botId, ScenarioId = saved.Scenario!.Id });
            (await db.Bots.SingleAsync(b => b.Id == botId)).NotMatchedScenarioId = saved.Scenario.Id;
            await db.SaveChangesAsync();
        }
        app.Services.GetRequiredService<ScenarioCache>().Invalidate();
        return ApiClient.BotKeyOf(bot);
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
