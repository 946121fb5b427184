using Bots1C.Domain.Accounts;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.PrintForms;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>A manager picks a counterparty and its invoice, sees the PDF in the preview frame, sends it to the
/// counterparty's two Telegram contacts and watches both deliveries become "sent".</summary>
public class PrintFormsBrowserTests(ChromiumFixture chromium) : PrintFormsWorld, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 15_000 };

    protected override bool OnKestrel => true;

    [Fact]
    public async Task A_manager_previews_an_invoice_sends_it_and_sees_the_deliveries()
    {
        await InvoiceAsync("42", ("Ёмкость для воды", 2, 50m), ("Доставка", 1, 23.45m));
        await App.CreateUserAsync("maria@example.ru", HtmlForms.Password, Roles.Manager);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await page.SignInAsync(AppUrl, "maria@example.ru");
        await page.OpenAsync(AppUrl + "/print-forms");

        // Pick the counterparty: its latest document and the form for it are chosen, and the preview frame loads the PDF.
        var preview = page.WaitForResponseAsync(r => r.Url.Contains("/print-forms/preview/"), new() { Timeout = 15_000 });
        var picker = page.Locator("[data-testid=pf-counterparty] input, input[data-testid=pf-counterparty]").First;
        await picker.PressSequentiallyAsync("Ёлк");
        await page.Locator(".mud-list-item", new() { HasText = "ООО «Ёлка»" }).ClickAsync();
        var response = await preview;
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", (await response.HeaderValueAsync("content-type"))?.Split(';')[0]);
        // Chromium hands the frame's PDF to its own viewer, so the bytes are read again with the page's cookies.
        var pdf = await context.APIRequest.GetAsync(response.Url);
        Assert.Contains("Ёмкость для воды", Bots1C.Tests.Domain.PrintForms.FormSamples.TextOf(await pdf.BodyAsync()));
        Assert.StartsWith("print-forms/preview/", await page.Locator("[data-testid=pf-preview]").GetAttributeAsync("src"));

        // Send it to every linked contact with a message; the history shows both deliveries, then both sent.
        await page.Locator("[data-testid=pf-caption] textarea, textarea[data-testid=pf-caption]").First.FillAsync("Your invoice");
        await page.Locator("[data-testid=pf-caption] textarea, textarea[data-testid=pf-caption]").First.PressAsync("Tab");
        await page.ClickAsync("[data-testid=pf-send]");
        await page.Locator("[data-testid=pf-delivery][data-state=Sent]").Nth(1).WaitForAsync(Live);
        Assert.Equal(2, await page.Locator("[data-testid=pf-delivery]").CountAsync());
        Assert.Equal(2, Calls("sendDocument").Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bots1c-print-forms.png"), FullPage = true });
    }
}
