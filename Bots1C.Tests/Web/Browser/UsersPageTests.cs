using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>The administrator's users page in a real browser: the dialogs really save, the journal really shows it.</summary>
public class UsersPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_administrator_adds_an_operator_who_then_appears_in_the_list_and_the_event_log()
    {
        using var app = new Bots1CAppFactory();
        var baseUrl = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseUrl, "admin@example.ru");

        await page.GotoAsync(baseUrl + "/admin/users");
        await WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=add-user]");
        await page.FillAsync("input[data-testid=new-name], [data-testid=new-name] input", "Ivan Operator");
        await page.FillAsync("input[data-testid=new-email], [data-testid=new-email] input", "ivan@example.ru");
        await page.FillAsync("input[data-testid=new-password], [data-testid=new-password] input", "weak");
        await page.ClickAsync("[data-testid=save]");
        var errors = await page.WaitForSelectorAsync("[data-testid=dialog-errors]");
        Assert.Contains("at least 8 characters", await errors!.InnerTextAsync());

        await page.FillAsync("input[data-testid=new-password], [data-testid=new-password] input", HtmlForms.Password);
        await page.ClickAsync("[data-testid=save]");
        await page.Locator("[data-testid=users-table] tr", new PageLocatorOptions { HasText = "ivan@example.ru" }).WaitForAsync();
        var row = await page.Locator("[data-testid=users-table] tr", new PageLocatorOptions { HasText = "ivan@example.ru" }).InnerTextAsync();
        Assert.Contains("Operator", row);
        Assert.Contains("Active", row);

        await page.GotoAsync(baseUrl + "/admin/events");
        await WaitForCircuitAsync(page);
        var entry = page.Locator("[data-testid=events-table] tr", new PageLocatorOptions { HasText = "ivan@example.ru" });
        await entry.WaitForAsync();
        Assert.Contains("User created", await entry.InnerTextAsync());
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
