using Bots1C.Domain.Accounts;
using Bots1C.Domain.PrintForms;
using Bots1C.Tests.Infrastructure;
using Bots1C.Tests.Web.PrintForms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>Typing a document in and filling in the organisation's details, in a real browser.</summary>
public class PrintDocumentsBrowserTests(ChromiumFixture chromium) : PrintFormsWorld, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorWaitForOptions Live = new() { Timeout = 15_000 };

    protected override bool OnKestrel => true;

    private static ILocator Field(IPage page, string testId, string element = "input") =>
        page.Locator($"{element}[data-testid={testId}], [data-testid={testId}] {element}").First;

    private async Task<IPage> SignedInAsync(string email, string role)
    {
        await App.CreateUserAsync(email, HtmlForms.Password, role);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await page.SignInAsync(AppUrl, email);
        return page;
    }

    /// <summary>Types into a line's field and waits for the total the circuit computes from it. The line's inputs are
    /// drawn again when the counterparty choice above settles; a value typed into an input at that moment is typed
    /// again (three times at most), which is what a person does when a field did not take.</summary>
    private static async Task TypeUntilTotalAsync(IPage page, string testId, string value, string total)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Field(page, testId).FillAsync(value);
            await Field(page, testId).PressAsync("Tab");
            try
            {
                await page.Locator("[data-testid=pf-document-total]", new() { HasText = total }).WaitForAsync(new() { Timeout = 7_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
    }

    [Fact]
    public async Task A_manager_types_in_an_invoice_and_sends_it_from_the_document()
    {
        var page = await SignedInAsync("maria@example.ru", Roles.Manager);
        await page.OpenAsync(AppUrl + "/print-forms/documents/new");

        await Field(page, "pf-number").FillAsync("С-7");
        await Field(page, "pf-document-counterparty").PressSequentiallyAsync("Ёлк");
        await page.Locator(".mud-list-item", new() { HasText = "ООО «Ёлка»" }).ClickAsync();
        await Field(page, "pf-line-name").FillAsync("Ёршик для бутылок");
        // One field at a time, each confirmed by the total the circuit computes, so a re-render never lands mid-typing.
        await TypeUntilTotalAsync(page, "pf-line-price", "41.15", "41.15");
        await TypeUntilTotalAsync(page, "pf-line-quantity", "3", "123.45");
        await page.ClickAsync("[data-testid=pf-document-save]");
        await page.Locator("[data-testid=pf-document-send]").WaitForAsync(Live);

        await using (var db = await App.Db())
        {
            var stored = await db.PrintDocuments.Include(d => d.Lines).SingleAsync();
            Assert.Equal((DocumentKind.Invoice, "С-7", CounterpartyId), (stored.Kind, stored.Number, stored.CounterpartyId));
            Assert.Equal(("Ёршик для бутылок", 3m, 41.15m), (stored.Lines[0].Name, stored.Lines[0].Quantity, stored.Lines[0].Price));
        }
        await page.ClickAsync("[data-testid=pf-document-send]");
        await page.Locator("[data-testid=pf-preview]").WaitForAsync(Live);
        Assert.Contains("С-7", await page.Locator("[data-testid=pf-document]").InnerTextAsync());
    }

    [Fact]
    public async Task A_document_without_lines_or_number_shows_the_errors_by_the_fields()
    {
        var page = await SignedInAsync("maria@example.ru", Roles.Manager);
        await page.OpenAsync(AppUrl + "/print-forms/documents/new");

        await page.ClickAsync("[data-testid=pf-document-save]");

        await page.GetByText("Write the document's number.").WaitForAsync(Live);
        await page.GetByText("Every line needs a name.").WaitForAsync(Live);
        await using var db = await App.Db();
        Assert.Equal(0, await db.PrintDocuments.CountAsync());
    }

    [Fact]
    public async Task An_administrator_fills_in_the_organisation_and_a_wrong_INN_is_refused_by_the_field()
    {
        var page = await SignedInAsync("admin@example.ru", Roles.Administrator);
        await page.OpenAsync(AppUrl + "/print-forms/organisation");

        await Field(page, "org-name").FillAsync("ООО «Берёза»");
        await Field(page, "org-inn").FillAsync("7707083894");
        await Field(page, "org-inn").PressAsync("Tab");
        await page.ClickAsync("[data-testid=org-save]");
        await page.GetByText("The INN is 10 or 12 digits with valid check digits.").WaitForAsync(Live);

        await Field(page, "org-inn").FillAsync("7707083893");
        await Field(page, "org-inn").PressAsync("Tab");
        await page.ClickAsync("[data-testid=org-save]");
        await page.GetByText("Saved.").WaitForAsync(Live);
        var stored = await App.Services.GetRequiredService<OrganisationSettings>().GetAsync();
        Assert.Equal(("ООО «Берёза»", "7707083893"), (stored.Name, stored.Inn));
    }
}
