using System.Collections.Concurrent;
using System.Globalization;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.FirstRun;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Http;

/// <summary>The pages' script policy in a real browser: Blazor's circuit, MudBlazor, the diagram editor, the messenger,
/// the demo site with the chat launcher and the chat window in its frame all work, and Chromium reports no violation.</summary>
public class ContentSecurityPolicyBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_app_pages_the_demo_site_and_the_chat_window_run_without_a_single_policy_violation()
    {
        using var app = new Bots1CAppFactory();
        var appUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator, Roles.Manager, Roles.Operator);
        var scenario = (await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(ScenarioDefinition.New("Greeting"), "test")).Scenario!.Id;
        await app.Services.GetRequiredService<DemoSetup>().EnsureAsync(appUrl + "/", "Demo", CultureInfo.GetCultureInfo("en-US"), "admin@example.ru");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
        });
        var violations = new ConcurrentQueue<string>();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Enqueue($"{message.Location}: {message.Text}");
        };
        var page = await context.NewPageAsync();
        // Reported inside the page too, in case a message never reaches the console.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await page.SignInAsync(appUrl, "admin@example.ru");
        await page.OpenAsync($"{appUrl}/scenarios/{scenario}");
        await page.Locator("[data-testid=scenario-canvas]").WaitForAsync();
        await page.OpenAsync($"{appUrl}/messenger");
        await page.GotoAsync($"{appUrl}/demo");
        await page.ClickAsync("[data-bots1c=launcher]");
        await page.FrameLocator("[data-bots1c=window]").Locator("#wc-text").WaitForAsync();

        Assert.Empty(violations);
    }
}
