using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The whole first visit in a real browser against real Kestrel: nothing mocked.</summary>
public class FirstRunTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Email = "anna@example.ru";

    [Fact]
    public async Task A_fresh_app_goes_from_setup_to_a_russian_shell_that_switches_to_english()
    {
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();

        // Fresh installation: any address leads to the setup page.
        await page.GotoAsync(baseUrl + "/");
        Assert.EndsWith("/setup", page.Url);
        await page.FillAsync("#name", "Анна Петрова");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", HtmlForms.Password);
        await page.FillAsync("#confirm", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");
        await WaitForCircuitAsync(page);

        // Sign out and back in with the new account. The sign-out is a plain form post: on a loaded machine the page may
        // still be settling (the circuit re-rendering the shell) when the button is clicked, so let it settle first.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/account/login", new() { Timeout = 60_000 });
        Assert.Equal("Вход", await page.InnerTextAsync("h1"));
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");
        await WaitForCircuitAsync(page);

        Assert.Equal(["Главная", "Состояние", "Мессенджер", "Чат-боты", "Сценарии", "Быстрые ответы", "Контрагенты", "Контакты", "Печатные формы", "Пользователи", "Журнал регистрации", "Ключи API", "Лицензия"], await NavigationAsync(page));
        Assert.Equal("Анна Петрова", (await page.InnerTextAsync("[data-testid=user-name]")).Trim());

        await page.ClickAsync("[data-testid=language-switch] button");
        await page.ClickAsync(".mud-popover-open [data-culture=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await WaitForCircuitAsync(page);

        Assert.Equal(["Home", "Status", "Messenger", "Bots", "Scenarios", "Quick replies", "Counterparties", "Contacts", "Print forms", "Users", "Event log", "API keys", "License"], await NavigationAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-shell-en.png") });
    }

    private static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=circuit-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    private static async Task<string[]> NavigationAsync(IPage page) =>
        (await page.Locator("[data-testid=nav] a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
}
