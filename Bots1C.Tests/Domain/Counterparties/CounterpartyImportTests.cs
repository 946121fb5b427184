using System.Text;
using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Counterparties.Import;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Counterparties;

public class CounterpartyImportTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();

    private CounterpartyImport Import => _app.Services.GetRequiredService<CounterpartyImport>();

    private static SpreadsheetTable Csv(string text, Encoding? encoding = null) =>
        Spreadsheets.Read(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text)), "counterparties.csv");

    private async Task<List<Counterparty>> CounterpartiesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        return await db.Counterparties.Include(o => o.Phones).Include(o => o.Emails).OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public void Russian_and_english_headers_are_mapped_to_their_fields()
    {
        var mapping = CounterpartyImport.GuessMapping(["Наименование", "ИНН", "КПП", "Телефон", "E-mail", "Основной менеджер", "Something else"]);

        Assert.Equal([CounterpartyField.Name, CounterpartyField.Inn, CounterpartyField.Kpp, CounterpartyField.Phones, CounterpartyField.Emails, CounterpartyField.MainManagerEmail,
            CounterpartyField.Ignore], mapping);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_every_bad_row()
    {
        var table = Csv("""
            Наименование;ИНН;Телефон;E-mail
            ООО Ромашка;7707083893;8 (912) 345-67-89;info@romashka.ru
            ООО Лютик;7707083894;+7 912 000-00-00;
            ;500100732259;;
            ИП Петров;500100732259;not a phone;petrov@
            """);

        var result = await Import.ImportAsync(table, CounterpartyImport.GuessMapping(table.Headers), CounterpartyTypes.Counterparty);

        Assert.False(result.Imported);
        Assert.Empty(await CounterpartiesAsync());
        Assert.Contains(result.Report.Problems, p => p is { Row: 3, Code: "InnInvalid" });
        Assert.Contains(result.Report.Problems, p => p is { Row: 4, Code: "NameRequired" });
        Assert.Contains(result.Report.Problems, p => p is { Row: 5, Code: "PhoneInvalid", Field: "Phones" });
        Assert.Contains(result.Report.Problems, p => p is { Row: 5, Code: "EmailInvalid" });
        Assert.Contains(result.Report.Problems, p => p is { Row: 5, Code: "DuplicateInFile" });
        Assert.DoesNotContain(result.Report.Problems, p => p.Row == 2);
    }

    [Fact]
    public async Task A_clean_xlsx_imports_every_row_with_normalised_phones_and_emails()
    {
        var xlsx = Spreadsheets.WriteXlsx("Контрагенты", ["Наименование", "ИНН", "Телефоны", "E-mail"],
        [
            ["ООО Ромашка", "7707083893", "8 (912) 345-67-89, +7 495 123-45-67", " Info@Romashka.RU "],
            ["ИП Петров", "500100732259", "79123450000", ""],
        ]);
        var table = Spreadsheets.Read(new MemoryStream(xlsx), "контрагенты.xlsx");

        var result = await Import.ImportAsync(table, CounterpartyImport.GuessMapping(table.Headers), CounterpartyTypes.Counterparty);

        Assert.True(result.Imported, string.Join("; ", result.Report.Problems.Select(p => $"{p.Row} {p.Code}")));
        Assert.Equal(2, result.Created);
        var counterparties = await CounterpartiesAsync();
        Assert.Equal(["ООО Ромашка", "ИП Петров"], counterparties.Select(o => o.Name));
        Assert.Equal(["+79123456789", "+74951234567"], counterparties[0].Phones.Select(p => p.Number));
        Assert.Equal("info@romashka.ru", Assert.Single(counterparties[0].Emails).Address);
    }

    [Fact]
    public async Task Importing_again_updates_the_records_with_the_same_inn_instead_of_adding_new_ones()
    {
        var first = Csv("Name,INN,Phones\nRomashka,7707083893,89123456789\n");
        await Import.ImportAsync(first, CounterpartyImport.GuessMapping(first.Headers), CounterpartyTypes.Counterparty);
        var second = Csv("Name,INN,Phones\nRomashka LLC,7707083893,89120000000\n");

        var result = await Import.ImportAsync(second, CounterpartyImport.GuessMapping(second.Headers), CounterpartyTypes.Counterparty);

        Assert.Equal((0, 1), (result.Created, result.Updated));
        var counterparty = Assert.Single(await CounterpartiesAsync());
        Assert.Equal("Romashka LLC", counterparty.Name);
        Assert.Equal("+79120000000", Assert.Single(counterparty.Phones).Number);
    }

    [Fact]
    public void A_csv_saved_in_windows_1251_reads_as_cyrillic()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var table = Csv("Наименование;ИНН\nООО Ромашка;7707083893\n", Encoding.GetEncoding(1251));

        Assert.Equal(["Наименование", "ИНН"], table.Headers);
        Assert.Equal("ООО Ромашка", table.Rows[0][0]);
    }

    [Fact]
    public async Task An_export_reads_back_as_an_import_of_the_same_records()
    {
        var source = Csv("Наименование;ИНН;Телефон;E-mail\nООО Ромашка;7707083893;89123456789;a@b.ru\n");
        await Import.ImportAsync(source, CounterpartyImport.GuessMapping(source.Headers), CounterpartyTypes.Counterparty);

        var exported = Spreadsheets.WriteCsv(CounterpartyImport.ExportHeaders, await Import.ExportRowsAsync(CounterpartyTypes.Counterparty));
        var table = Spreadsheets.Read(new MemoryStream(exported), "export.csv");
        var report = await Import.CheckAsync(table, CounterpartyImport.GuessMapping(table.Headers), CounterpartyTypes.Counterparty);

        Assert.True(report.CanImport);
        var row = Assert.Single(report.Preview);
        Assert.Equal(("ООО Ромашка", "7707083893", "+79123456789", "a@b.ru"), (row.Name, row.Inn, row.Phones![0], row.Emails![0]));
    }

    [Fact]
    public async Task A_file_without_a_name_column_is_refused_before_any_row()
    {
        var table = Csv("ИНН;Телефон\n7707083893;89123456789\n");

        var report = await Import.CheckAsync(table, CounterpartyImport.GuessMapping(table.Headers), CounterpartyTypes.Counterparty);

        Assert.Equal("NameColumnMissing", Assert.Single(report.Problems).Code);
    }

    [Fact]
    public void A_file_that_is_not_a_spreadsheet_is_a_clear_error()
    {
        var error = Assert.Throws<SpreadsheetException>(() => Spreadsheets.Read(new MemoryStream([1, 2, 3, 4]), "broken.xlsx"));

        Assert.Equal("This is not a readable .xlsx file.", error.Message);
    }

    public void Dispose() => _app.Dispose();
}
