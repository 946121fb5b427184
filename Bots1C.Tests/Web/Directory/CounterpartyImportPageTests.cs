using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties.Import;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Directory.Import;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.DirectorySection;

/// <summary>The import page against the real import service and its own SQLite file.</summary>
public class CounterpartyImportPageTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public CounterpartyImportPageTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<CounterpartyImport>());
    }

    private IRenderedComponent<CounterpartyImportPage> Upload(string fileName, string csv)
    {
        var page = Render<CounterpartyImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, fileName));
        return page;
    }

    [Fact]
    public void A_file_with_bad_rows_lists_each_problem_by_row_and_cannot_be_imported()
    {
        var page = Upload("bad.csv", "Наименование;ИНН\nООО Ромашка;7707083893\nООО Лютик;1234567890\n;500100732259\n");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=import-problem]").Count), TimeSpan.FromSeconds(5));
        var rows = page.FindAll("[data-testid=import-problem]").Select(r => r.TextContent).ToList();
        Assert.Contains("3", rows[0]);
        Assert.Contains("The INN must be 10 or 12 digits", rows[0]);
        Assert.Contains("4", rows[1]);
        Assert.True(page.Find("button[data-testid=import-run]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_clean_file_is_previewed_then_imported_with_one_click()
    {
        var page = Upload("good.csv", "Name,INN,Phone\nRomashka,7707083893,8 912 345 67 89\nPetrov,500100732259,\n");
        page.WaitForAssertion(() => page.Find("[data-testid=import-ready]"), TimeSpan.FromSeconds(5));
        Assert.Contains("Romashka", page.Find("[data-testid=import-preview]").TextContent);

        await page.Find("button[data-testid=import-run]").ClickAsync(new());

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Equal(["Petrov", "Romashka"], await db.Counterparties.OrderBy(o => o.Name).Select(o => o.Name).ToListAsync());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=import-preview]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_file_that_is_not_a_spreadsheet_says_so()
    {
        var page = Upload("notes.docx", "hello");

        page.WaitForAssertion(() => Assert.Equal("Choose a .csv or .xlsx file.", page.Find("[data-testid=import-read-error]").TextContent.Trim()),
            TimeSpan.FromSeconds(5));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }
}
