using System.Net;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Tests.Web.Api;

public class ScenariosApiTests : IAsyncLifetime
{
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private HttpClient _api = default!;

    public Task InitializeAsync()
    {
        _api = _app.CreateApiClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> ImportAsync(string body, string query = "") =>
        _api.PostAsync("/api/v1/scenarios/import" + query, new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<int> CountAsync()
    {
        await using var db = await _app.Db();
        return await db.Scenarios.CountAsync();
    }

    [Fact]
    public async Task The_list_shows_each_scenario_with_its_state()
    {
        var id = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));

        var list = await (await _api.GetAsync("/api/v1/scenarios")).ReadJsonAsync();

        var menu = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, menu.GetProperty("id").GetInt64());
        Assert.Equal("menu-key", menu.GetProperty("key").GetString());
        Assert.True(menu.GetProperty("enabled").GetBoolean());
        Assert.False(menu.GetProperty("draft").GetBoolean());
        Assert.Equal(3, menu.GetProperty("stepCount").GetInt32());
        Assert.True(menu.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task Export_then_import_elsewhere_round_trips_and_returns_the_ids()
    {
        var id = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));
        var exported = await _api.GetAsync($"/api/v1/scenarios/{id}/export");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/json", exported.Content.Headers.ContentType!.MediaType);
        var text = await exported.Content.ReadAsStringAsync();

        using var other = new Bots1CAppFactory().WithApiKey();
        var response = await other.CreateApiClient().PostAsync("/api/v1/scenarios/import", new StringContent(text, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var newId = Assert.Single(body.GetProperty("ids").EnumerateArray()).GetInt64();
        Assert.Equal("Created", body.GetProperty("scenarios")[0].GetProperty("outcome").GetString());
        var again = await (await other.CreateApiClient().GetAsync($"/api/v1/scenarios/{newId}/export")).Content.ReadAsStringAsync();
        Assert.Equal(JsonDocument.Parse(text).RootElement.GetProperty("scenarios").GetRawText(),
            JsonDocument.Parse(again).RootElement.GetProperty("scenarios").GetRawText());
    }

    [Fact]
    public async Task Exporting_a_missing_scenario_is_404_problem()
    {
        var response = await _api.GetAsync("/api/v1/scenarios/999/export");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("999", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"format":"bots1c-scenarios","version":9,"scenarios":[]}""")]
    public async Task An_unreadable_file_is_400_with_the_place(string body)
    {
        var response = await ImportAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.ReadJsonAsync()).TryGetProperty("place", out _));
    }

    [Fact]
    public async Task A_file_with_problems_is_422_listing_each_problem_by_place_and_imports_nothing()
    {
        var bad = ScenarioKit.Simple("Bad");
        bad.Steps[1].Text = "Hi {{order}}";

        var response = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("Good"), bad).ToJson());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("scenarios[1].steps[1].text", out _));
        var listed = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(("PlaceholderUnknown", "Bad", "scenarios[1].Steps[1].Text"),
            (listed.GetProperty("code").GetString(), listed.GetProperty("scenario").GetString(), listed.GetProperty("place").GetString()));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_clash_fails_by_default_with_409_and_rename_or_replace_settle_it()
    {
        var storedId = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));
        var file = ScenarioKit.FileOf(ScenarioKit.Simple("Menu", key: "menu-key", text: "New")).ToJson();

        var refused = await ImportAsync(file);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("menu-key", (await refused.ReadJsonAsync()).GetProperty("clashes")[0].GetProperty("key").GetString());
        Assert.Equal(1, await CountAsync());

        var replaced = await (await ImportAsync(file, "?onClash=replace")).ReadJsonAsync();
        Assert.Equal(storedId, replaced.GetProperty("ids")[0].GetInt64());

        var renamed = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("Menu", key: "menu-key", text: "Newer")).ToJson(), "?onClash=rename");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Menu (2)", (await renamed.ReadJsonAsync()).GetProperty("scenarios")[0].GetProperty("name").GetString());
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task An_unknown_clash_option_is_400()
    {
        var response = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("A")).ToJson(), "?onClash=merge");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("onClash", out _));
    }

    [Fact]
    public async Task Bot_scenario_fields_round_trip()
    {
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var none = await _app.CreateScenarioAsync(ScenarioKit.Simple("None"));
        var faq = await _app.CreateScenarioAsync(ScenarioKit.Simple("FAQ"));

        var created = await _api.CreateBotAsync(new
        {
            name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru",
            mainMenuScenarioId = menu, notMatchedScenarioId = none, scenarioIds = new[] { faq, menu },
        });
        var id = created.GetProperty("id").GetInt64();
        var read = await (await _api.GetAsync($"/api/v1/bots/{id}")).ReadJsonAsync();
        Assert.Equal(menu, read.GetProperty("mainMenuScenarioId").GetInt64());
        Assert.Equal(none, read.GetProperty("notMatchedScenarioId").GetInt64());
        Assert.Equal(new[] { menu, faq }.Order(), read.GetProperty("scenarioIds").EnumerateArray().Select(e => e.GetInt64()));

        var changed = await _api.PutJsonAsync($"/api/v1/bots/{id}", new
        {
            name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru", mainMenuScenarioId = faq, scenarioIds = Array.Empty<long>(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var list = await (await _api.GetAsync("/api/v1/bots")).ReadJsonAsync();
        var bot = Assert.Single(list.EnumerateArray());
        Assert.Equal(faq, bot.GetProperty("mainMenuScenarioId").GetInt64());
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("notMatchedScenarioId").ValueKind);
        Assert.Empty(bot.GetProperty("scenarioIds").EnumerateArray());
    }

    [Fact]
    public async Task A_put_without_scenario_fields_keeps_the_bots_scenarios()
    {
        var menu = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var created = await _api.CreateBotAsync(new
        {
            name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru", mainMenuScenarioId = menu, scenarioIds = new[] { menu },
        });
        var id = created.GetProperty("id").GetInt64();

        // A script written before scenarios existed changes the state only.
        var changed = await _api.PutJsonAsync($"/api/v1/bots/{id}", new
        {
            name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru", state = "Disabled",
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await (await _api.GetAsync($"/api/v1/bots/{id}")).ReadJsonAsync();
        Assert.Equal(menu, read.GetProperty("mainMenuScenarioId").GetInt64());
        Assert.Equal([menu], read.GetProperty("scenarioIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Unknown_scenario_ids_are_422_and_change_nothing()
    {
        var created = await _api.PostJsonAsync("/api/v1/bots", new { name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru", scenarioIds = new[] { 77L } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Contains("77", (await created.ReadJsonAsync()).GetProperty("errors").GetProperty("scenarioIds")[0].GetString());
        Assert.Empty((await (await _api.GetAsync("/api/v1/bots")).ReadJsonAsync()).EnumerateArray());

        var id = (await _api.CreateBotAsync(new { name = "Shop", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru" })).GetProperty("id").GetInt64();
        var changed = await _api.PutJsonAsync($"/api/v1/bots/{id}", new { name = "Renamed", messenger = "WebChat", publicBaseUrl = "https://bot.example.ru", mainMenuScenarioId = 5 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.True((await changed.ReadJsonAsync()).GetProperty("errors").TryGetProperty("mainMenuScenarioId", out _));
        Assert.Equal("Shop", (await _app.StoredBotAsync(id)).Name);
    }

    [Fact]
    public async Task The_export_download_needs_a_signed_in_role_and_names_the_file_by_date()
    {
        await _app.CreateUserAsync("operator@example.ru", HtmlForms.Password, Roles.Operator);
        var id = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu"));
        var anonymous = await _app.CreateBrowserLikeClient().GetAsync($"/scenarios/export?ids={id}");
        Assert.StartsWith("/account/login", anonymous.RedirectPath());

        var browser = _app.CreateBrowserLikeClient();
        await browser.SignInAsync("operator@example.ru");
        var response = await browser.GetAsync($"/scenarios/export?ids={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^scenarios-\d{4}-\d{2}-\d{2}\.json$", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("bots1c-scenarios", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("format").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/scenarios/export?ids=1,x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/scenarios/export?ids={id},999")).StatusCode);
    }
}
