using Microsoft.Playwright;

namespace Bots1C.Tests.Infrastructure;

public static class BrowserPages
{
    /// <summary>Signs in through the login form and waits for the live circuit (clicks before it land on a static prerender).</summary>
    public static async Task SignInAsync(this IPage page, string appUrl, string email, string password = HtmlForms.Password)
    {
        await page.GotoAsync(appUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForCircuitAsync();
    }

    /// <summary>Opens a page of the app and waits for its live circuit.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForCircuitAsync();
    }

    public static Task WaitForCircuitAsync(this IPage page) =>
        page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
}
