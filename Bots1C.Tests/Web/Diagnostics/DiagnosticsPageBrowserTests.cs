using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary>The diagnostics wizard in a real Chromium, in Russian: run from the bot card, six steps with evidence and fixes.</summary>
public class DiagnosticsPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_administrator_runs_the_six_steps_from_the_bot_card_and_reads_the_failing_step_and_its_fix()
    {
        using var app = new Bots1CAppFactory().WithApiKey().With("PathBase", "/bots_unf");
        var appUrl = app.StartOnKestrel();
        var bot = await app.CreateApiClient().CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl + "/Bots_UNF" });
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl + "/bots_unf", "admin@example.ru");
        await page.OpenAsync($"{appUrl}/bots_unf/bots/{bot.GetProperty("id").GetInt64()}");
        await page.ClickAsync("[data-testid=bot-diagnostics]");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("[data-testid=run-diagnostics]");

        await page.Locator("[data-testid=diagnostics-outcome][data-outcome=Fail]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(6, await page.Locator("[data-testid=diagnostics-step]").CountAsync());
        var publication = page.Locator("[data-testid=diagnostics-step][data-step=LocalPublication]");
        Assert.Equal("Fail", await publication.GetAttributeAsync("data-outcome"));
        Assert.Equal("Имя публикации отличается регистром букв", await publication.Locator("[data-testid=step-problem]").InnerTextAsync());
        Assert.Contains("чувствительно к регистру", await publication.Locator("[data-testid=step-fix]").InnerTextAsync());
        Assert.Contains("/Bots_UNF", await publication.Locator("[data-testid=step-evidence]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-diagnostics.png"), FullPage = true });
    }
}
