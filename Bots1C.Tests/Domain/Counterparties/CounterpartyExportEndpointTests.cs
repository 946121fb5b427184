using System.Net;
using System.Text;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Counterparties.Import;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Counterparties;

public class CounterpartyExportEndpointTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();

    [Fact]
    public async Task A_manager_downloads_the_counterparties_as_a_csv_that_excel_opens_in_cyrillic()
    {
        await _app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        await _app.Services.GetRequiredService<CounterpartyCatalog>().CreateAsync(
            new CounterpartyInput(CounterpartyTypes.Counterparty, "ООО Ромашка", "7707083893", null, ["89123456789"], [], null, null, null));
        var browser = _app.CreateBrowserLikeClient();
        await browser.SignInAsync("manager@example.ru");

        var response = await browser.GetAsync("/directory/export?type=Counterparty&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^Counterparty-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var table = Spreadsheets.Read(new MemoryStream(bytes), "export.csv");
        Assert.Equal(["ООО Ромашка", "7707083893", "", "+79123456789"], table.Rows.Single()[..4]);
    }

    [Fact]
    public async Task The_xlsx_export_reads_back_and_an_unknown_format_or_type_is_refused()
    {
        await _app.CreateUserAsync("manager@example.ru", HtmlForms.Password, Roles.Manager);
        var browser = _app.CreateBrowserLikeClient();
        await browser.SignInAsync("manager@example.ru");

        var xlsx = await browser.GetAsync("/directory/export?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(CounterpartyImport.ExportHeaders, Spreadsheets.Read(await xlsx.Content.ReadAsStreamAsync(), "x.xlsx").Headers);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/directory/export?format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/directory/export?type=Drivers")).StatusCode);
    }

    [Fact]
    public async Task Operators_may_not_export_the_directory()
    {
        await _app.CreateUserAsync("operator@example.ru", HtmlForms.Password, Roles.Operator);
        var browser = _app.CreateBrowserLikeClient();
        await browser.SignInAsync("operator@example.ru");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/directory/export")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
