using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The scenario editor in a real browser: palette drag, port-to-port link, properties, save, reload, test panel.</summary>
public class ScenarioEditorBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_manager_draws_a_message_after_the_start_saves_it_finds_it_after_a_reload_and_gets_it_back_in_the_test_panel()
    {
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        var catalog = app.Services.GetRequiredService<ScenarioCatalog>();
        var id = (await catalog.CreateAsync(ScenarioDefinition.New("Greeting"), "test")).Scenario!.Id;
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseUrl, "manager@example.ru");
        await page.GotoAsync($"{baseUrl}/scenarios/{id}");
        await WaitForCircuitAsync(page);
        await page.Locator(Port("start/out/next")).WaitForAsync();

        await page.DragAndDropAsync("[data-testid=step-palette] [data-kind=Message]", "[data-testid=scenario-canvas]",
            new PageDragAndDropOptions { TargetPosition = new TargetPosition { X = 450, Y = 250 } });
        await page.Locator(Port("m1/in")).WaitForAsync();
        await DrawLinkAsync(page, "start/out/next", "m1/in");
        await page.Locator(Port("m1/in") + ".has-links").WaitForAsync();
        await page.ClickAsync("[data-node-id=m1] .step-node-head");
        var text = page.Locator("[data-testid=step-text] textarea, textarea[data-testid=step-text]").First;
        await text.FillAsync("Hello! How can we help?");
        await text.PressAsync("Tab");
        await page.ClickAsync("[data-testid=save]");
        await page.Locator("[data-testid=unsaved]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await page.Locator(Port("m1/in") + ".has-links").WaitForAsync();
        Assert.Equal("Hello! How can we help?", await page.Locator("[data-node-id=m1] .step-node-text").InnerTextAsync());
        Assert.Equal(1, await page.Locator("g.diagram-link").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-scenario-editor.png") });
        var stored = (await catalog.GetAsync(id))!.Definition;
        var transition = Assert.Single(stored.Transitions);
        Assert.Equal(("start", "next", "m1"), (transition.From, transition.Outcome, transition.To));

        await page.ClickAsync("[data-testid=test-toggle]");
        var answer = page.Locator("[data-testid=test-bot-line]").First;
        await answer.WaitForAsync();
        Assert.Equal("Hello! How can we help?", (await answer.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Notices_after_saving_and_checking_leave_the_toolbar_buttons_clickable()
    {
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        var id = (await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(ScenarioDefinition.New("Greeting"), "test")).Scenario!.Id;
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseUrl, "manager@example.ru");
        await page.GotoAsync($"{baseUrl}/scenarios/{id}");
        await WaitForCircuitAsync(page);

        await page.ClickAsync("[data-testid=save]");
        await page.ClickAsync("[data-testid=check]");
        await page.ClickAsync("[data-testid=save]");
        await page.Locator(".mud-snackbar").First.WaitForAsync();

        // A trial click fails when another element (a notice) would receive it.
        foreach (var button in new[] { "test-toggle", "check", "save", "fit" })
            await page.Locator($"[data-testid={button}]").ClickAsync(new LocatorClickOptions { Trial = true, Timeout = 2_000 });
    }

    [Fact]
    public async Task Export_on_the_scenarios_page_downloads_the_exchange_file()
    {
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(ScenarioDefinition.New("Greeting"), "test");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseUrl, "manager@example.ru");
        await page.GotoAsync($"{baseUrl}/scenarios");
        await WaitForCircuitAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=scenarios-export]"));

        var json = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("\"format\"", json);
        Assert.Contains("Greeting", json);
        Assert.StartsWith("scenarios-", download.SuggestedFilename);
    }

    private static string Port(string id) => $".diagram-port[data-port-id='{id}']";

    /// <summary>Presses on one port and lets go on the other, moving in small steps like a hand does.</summary>
    private static async Task DrawLinkAsync(IPage page, string fromPort, string toPort)
    {
        var from = (await page.Locator(Port(fromPort)).BoundingBoxAsync())!;
        var to = (await page.Locator(Port(toPort)).BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new MouseMoveOptions { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    private static async Task SignInAsync(IPage page, string baseUrl, string email)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");
        await WaitForCircuitAsync(page);
    }

    private static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=circuit-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
}
