using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>
/// The SSRF rule for a scenario's HTTP step, through the app's own HTTP client: a stand-in "internal" service on
/// loopback is refused unless Bots1C:Scenarios:HttpAllowedHosts lists it (by network or by name), whether it is
/// named by address, by a name that resolves to it, or reached through a redirect. Traffic stays on loopback.
/// </summary>
public sealed class ScenarioHttpGuardTests : IDisposable
{
    private const string Setting = "Bots1C:Scenarios:HttpAllowedHosts";
    private readonly WireMockServer _internal = WireMockServer.Start();
    private readonly List<Bots1CAppFactory> _apps = [];

    public ScenarioHttpGuardTests()
    {
        _internal.Given(Request.Create().WithPath("/1c/orders").UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody("""{"status":"shipped"}"""));
    }

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
        _internal.Stop();
    }

    private string At(string host, string path = "/1c/orders") => $"http://{host}:{_internal.Port}{path}";

    /// <summary>The app with exactly these hosts allowed for scenarios (the messengers keep their loopback allowance).</summary>
    private Bots1CAppFactory App(params string[] allowed)
    {
        var app = new Bots1CAppFactory().AllowingScenarioHosts(allowed);
        _apps.Add(app);
        return app;
    }

    private static Task<RunnerInput.CallCompleted> GetAsync(Bots1CAppFactory app, string url) =>
        app.Services.GetRequiredService<ScenarioCallExecutor>().CallHttpAsync(
            new HttpCall("GET", url, null, [], TimeSpan.FromSeconds(10)), [new ResultMapping { From = "$.status", To = "status" }], CancellationToken.None);

    private void AssertRefused(RunnerInput.CallCompleted completed, string address)
    {
        Assert.False(completed.Ok);
        Assert.Equal(ScenarioCallExecutor.RefusedCode, completed.FailureCode);
        Assert.Contains(address, completed.Error);
        Assert.Contains(Setting, completed.Error);
        Assert.DoesNotContain(_internal.LogEntries, e => e.RequestMessage.Path == "/1c/orders");
    }

    [Fact]
    public async Task An_internal_address_is_refused_by_default_and_nothing_reaches_it()
    {
        AssertRefused(await GetAsync(App(), At("127.0.0.1")), "127.0.0.1");
    }

    [Fact]
    public async Task The_IPv6_loopback_is_refused_by_default()
    {
        AssertRefused(await GetAsync(App(), At("[::1]")), "::1");
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_by_default()
    {
        AssertRefused(await GetAsync(App(), At("localhost")), "localhost");
    }

    [Fact]
    public async Task A_listed_network_lets_the_step_reach_the_internal_server()
    {
        var completed = await GetAsync(App("127.0.0.0/8"), At("127.0.0.1"));

        Assert.True(completed.Ok, completed.Error);
        Assert.Equal("shipped", completed.Variables["status"]);
    }

    [Fact]
    public async Task A_listed_host_name_lets_the_step_reach_the_internal_server()
    {
        var completed = await GetAsync(App("localhost"), At("localhost"));

        Assert.True(completed.Ok, completed.Error);
        Assert.Equal("shipped", completed.Variables["status"]);
    }

    [Fact]
    public async Task A_redirect_from_a_listed_host_into_an_unlisted_address_is_refused()
    {
        _internal.Given(Request.Create().WithPath("/hop").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", At("127.0.0.1")));

        var completed = await GetAsync(App("localhost"), At("localhost", "/hop"));

        AssertRefused(completed, "127.0.0.1");
        Assert.Single(_internal.LogEntries, e => e.RequestMessage.Path == "/hop");
    }

    [Fact]
    public async Task A_redirect_that_stays_within_the_allowed_hosts_is_followed()
    {
        _internal.Given(Request.Create().WithPath("/hop").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", At("127.0.0.1")));

        var completed = await GetAsync(App("127.0.0.0/8"), At("127.0.0.1", "/hop"));

        Assert.True(completed.Ok, completed.Error);
        Assert.Equal("shipped", completed.Variables["status"]);
    }

    [Fact]
    public async Task A_refused_HTTP_step_takes_its_failed_way_and_the_event_log_names_the_address_and_the_setting()
    {
        using var telegram = WireMockServer.Start();
        telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/sendMessage").UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody("""{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}"""));
        var app = App().WithApiKey();
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = telegram.Url,
        });
        var botId = bot.GetProperty("id").GetInt64();
        var saved = await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(OrderStatus(At("127.0.0.1")), "test");
        Assert.Empty(saved.Problems);
        await using (var db = await app.Db())
        {
            (await db.Bots.FirstAsync(b => b.Id == botId)).MainMenuScenarioId = saved.Scenario!.Id;
            await db.SaveChangesAsync();
        }
        app.Services.GetRequiredService<ScenarioCache>().Invalidate();

        var posted = await app.CreateClient().PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(1, 1111111, "/start"),
            (await app.StoredBotAsync(botId)).WebhookSecret);
        posted.EnsureSuccessStatusCode();

        var sent = await Eventually.GetAsync(() => Task.FromResult(telegram.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/sendMessage")).ToList()),
            s => s.Count >= 1, "the reply");
        Assert.Contains("1C does not answer", Assert.Single(sent).RequestMessage.Body);
        await using var check = await app.Db();
        var logged = await check.Events.AsNoTracking().SingleAsync(e => e.Code == "ScenarioCallRefused");
        Assert.Contains("127.0.0.1", logged.Message);
        Assert.Contains(Setting, logged.Message);
        Assert.Empty(_internal.LogEntries);
    }

    /// <summary>Start → HTTP GET to "1C" → its answer, or an apology on the failed way.</summary>
    private static ScenarioDefinition OrderStatus(string url) => new()
    {
        Name = "Order status",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step { Id = "h1", Kind = StepKind.HttpRequest, Url = url, Results = [new ResultMapping { From = "$.status", To = "status" }] },
            new Step { Id = "m1", Kind = StepKind.Message, Text = "Your order is {{vars.status}}." },
            new Step { Id = "m2", Kind = StepKind.Message, Text = "1C does not answer, try later." },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", To = "h1" },
            new Transition { From = "h1", Outcome = StepOutcomes.Ok, To = "m1" },
            new Transition { From = "h1", Outcome = StepOutcomes.Failed, To = "m2" },
            new Transition { From = "m1", To = "end" },
            new Transition { From = "m2", To = "end" },
        ],
    };
}
