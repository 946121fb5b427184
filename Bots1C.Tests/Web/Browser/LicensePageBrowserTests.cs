using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A fresh installation: the bot list opens the license form, one click gets a test license offline, and the
/// page shows its limits against what is in use.</summary>
public class LicensePageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_administrator_gets_a_test_license_offline_and_sees_its_limits()
    {
        using var app = new Bots1CAppFactory().WithoutLicense();
        var appUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await page.SignInAsync(appUrl, "admin@example.ru");

        await page.OpenAsync(appUrl + "/bots");
        await page.Locator("[data-testid=license-needed]").WaitForAsync(Live);
        Assert.EndsWith("/admin/license?from=bots", page.Url);

        await page.ClickAsync("[data-testid=license-get-test]");
        await page.Locator("[data-testid=license-type]", new() { HasText = "Test" }).WaitForAsync(Live);

        Assert.Equal("Valid", (await page.Locator("[data-testid=license-state]").InnerTextAsync()).Trim());
        Assert.Equal("Active bots: 0 of 1", (await page.Locator("[data-testid=license-active-bots]").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-license.png"), FullPage = true });

        // With a license, the bot list opens as itself.
        await page.OpenAsync(appUrl + "/bots");
        await page.Locator("[data-testid=add-bot]").WaitForAsync(Live);
    }

    [Fact]
    public async Task A_pasted_key_that_is_not_a_key_is_refused_in_the_readers_language()
    {
        using var app = new Bots1CAppFactory().WithoutLicense();
        var appUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "admin@example.ru");

        await page.OpenAsync(appUrl + "/admin/license");
        await page.FillAsync("[data-testid=license-key] textarea, textarea[data-testid=license-key]", "not-a-key");
        await page.PressAsync("[data-testid=license-key] textarea, textarea[data-testid=license-key]", "Tab");
        await page.ClickAsync("[data-testid=license-install]");

        await page.Locator("[data-testid=license-paste-error]", new() { HasText = "Лицензионный ключ недействителен" }).WaitForAsync(Live);
        Assert.Equal(1, await page.Locator("[data-testid=license-none]").CountAsync());
    }

    [Fact]
    public async Task Install_key_is_ready_as_soon_as_a_key_is_typed()
    {
        using var app = new Bots1CAppFactory().WithoutLicense();
        var appUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(appUrl, "admin@example.ru");
        await page.OpenAsync(appUrl + "/admin/license");

        // Typed, the cursor still in the field: the button must not wait for the field to lose focus.
        await page.Locator("[data-testid=license-key] textarea, textarea[data-testid=license-key]").PressSequentiallyAsync("not-a-key");

        await page.Locator("[data-testid=license-install]:enabled").WaitForAsync(new() { Timeout = 5_000 });
    }
}
