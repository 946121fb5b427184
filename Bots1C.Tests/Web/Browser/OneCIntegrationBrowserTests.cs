using System.Net.Http.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>
/// docs/1c-integration.md step 1 and the push on write, in real Chromium against real Kestrel: the key an administrator
/// makes on the API keys page is the one 1C's subscription pushes a counterparty with, and the pushed counterparty is on
/// the counterparties page with 1C's id. With <c>BOTS1C_SCREENSHOTS</c> set to a folder, it saves that document's
/// screenshots there (docs/images/1c-integration).
/// </summary>
public class OneCIntegrationBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 20_000 };
    private static Task ShotAsync(IPage page, string name) => DocScreenshots.SaveAsync(page, "1c-integration", name);

    [Fact]
    public async Task The_key_made_on_the_API_keys_page_lets_1C_push_a_counterparty_the_directory_then_shows()
    {
        using var app = new Bots1CAppFactory();
        var url = app.StartOnKestrel();
        await app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU", ViewportSize = new() { Width = 1280, Height = 760 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(url, "admin@example.ru");

        // Step 1: the key for 1C, shown once.
        await page.OpenAsync(url + "/admin/api-keys");
        await page.Locator("input[data-testid=key-name], [data-testid=key-name] input").FillAsync("1С Торговля");
        await page.Locator("[data-testid=key-create]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=key-value]")).ToBeVisibleAsync(Live);
        var key = (await page.Locator("[data-testid=key-value]").TextContentAsync())!.Trim();
        await ShotAsync(page, "01-api-key");

        // The subscription ПриЗаписи pushes the counterparty as integrations/1c/README.md documents it.
        using var onec = new HttpClient { BaseAddress = new Uri(url) };
        onec.DefaultRequestHeaders.Add("X-Api-Key", key);
        var push = await onec.PostAsJsonAsync("/api/v1/counterparties", new
        {
            type = "Counterparty", name = "ООО Ромашка", inn = "7707083893", kpp = "770701001",
            phones = new[] { "+7 (912) 345-67-89" }, emails = new[] { "info@romashka.ru" },
            externalId = "3f0d6f8e-1c00-11ef-9b6a-005056a1b2c3",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, push.StatusCode);

        await page.OpenAsync(url + "/directory/owners");
        await page.Locator("[data-testid=counterparty-name]", new() { HasText = "ООО Ромашка" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[data-testid=counterparty-external-id], [data-testid=counterparty-external-id] input"))
            .ToHaveValueAsync("3f0d6f8e-1c00-11ef-9b6a-005056a1b2c3", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=counterparty-send-print-form]")).ToBeVisibleAsync(Live);
        await ShotAsync(page, "02-pushed-counterparty");
    }
}
