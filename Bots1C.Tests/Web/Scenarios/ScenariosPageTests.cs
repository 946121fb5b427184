using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>The scenario list as the server first renders it, for each kind of user.</summary>
public class ScenariosPageTests : IClassFixture<ScenariosPageTests.AppWithScenarios>
{
    private readonly AppWithScenarios _app;

    public ScenariosPageTests(AppWithScenarios app) => _app = app;

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ListAs(string role, string query = "")
    {
        var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(AppWithScenarios.EmailOf(role));
        return await client.GetPageAsync("/scenarios" + query);
    }

    [Fact]
    public async Task Each_scenario_shows_its_draft_badge_and_step_count()
    {
        var page = await ListAs(Roles.Manager);
        var row = page.QuerySelectorAll("[data-testid=scenarios-table] tbody tr").Single(r => r.TextContent.Contains("Greeting"));
        Assert.NotNull(row.QuerySelector("[data-testid=draft]"));
        Assert.Equal("1", row.QuerySelector("[data-testid=step-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_manager_gets_new_duplicate_and_delete()
    {
        var page = await ListAs(Roles.Manager);
        Assert.NotNull(page.QuerySelector("[data-testid=new-scenario]"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=duplicate]"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=delete]"));
    }

    [Fact]
    public async Task An_operator_sees_the_list_without_any_control_that_changes_it()
    {
        var page = await ListAs(Roles.Operator);
        Assert.Contains("Greeting", page.QuerySelector("[data-testid=scenarios-table]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=new-scenario]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=duplicate], [data-testid=delete]"));
    }

    [Fact]
    public async Task A_manager_can_import_and_pick_templates()
    {
        var page = await ListAs(Roles.Manager);
        Assert.NotNull(page.QuerySelector("[data-testid=scenarios-import]"));
        Assert.NotNull(page.QuerySelector("[data-testid=scenarios-templates]"));
    }

    [Fact]
    public async Task An_operator_can_export_but_not_import()
    {
        var page = await ListAs(Roles.Operator);
        Assert.NotNull(page.QuerySelector("[data-testid=scenarios-export]"));
        Assert.Null(page.QuerySelector("[data-testid=scenarios-import], [data-testid=scenarios-templates]"));
    }

    [Fact]
    public async Task Export_without_a_selection_downloads_every_listed_scenario()
    {
        var page = await ListAs(Roles.Manager);
        var link = page.QuerySelector("a[data-testid=scenarios-export]")!;
        Assert.True(link.HasAttribute("download"));
        var ids = (await _app.Services.GetRequiredService<ScenarioCatalog>().ListAsync()).Select(s => s.Id);
        Assert.EndsWith("scenarios/export?ids=" + string.Join(',', ids), link.GetAttribute("href"));
    }

    public sealed class AppWithScenarios : Bots1CAppFactory, IAsyncLifetime
    {
        public static string EmailOf(string role) => $"{role.ToLowerInvariant()}@example.ru";

        public async Task InitializeAsync()
        {
            foreach (var role in Roles.All)
                await CreateUserAsync(EmailOf(role), HtmlForms.Password, role);
            await Services.GetRequiredService<ScenarioCatalog>().CreateAsync(ScenarioDefinition.New("Greeting"), "manager");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
