using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bots1C.Domain.Counterparties.Import;

/// <summary>A sheet as text: the first row's headers and the rows under them (each as long as the headers).</summary>
public sealed record SpreadsheetTable(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows);

public sealed class SpreadsheetException(string code, string message) : Exception(message)
{
    /// <summary>What went wrong, for the screens to say in the reader's language.</summary>
    public string Code { get; } = code;
}

/// <summary>Reads and writes CSV (any of , ; tab, UTF-8 or Windows-1251 as 1C and Excel save them) and XLSX (the first sheet).</summary>
public static class Spreadsheets
{
    public const int MaxRows = 50_000;

    public static SpreadsheetTable Read(Stream content, string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new SpreadsheetException("WrongKind", "Choose a .csv or .xlsx file."),
        };

    public static SpreadsheetTable ReadCsv(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var text = DecodeText(bytes);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [";", ",", "\t"], BadDataFound = null, MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new CsvReader(new StringReader(text), config);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Parser.Record ?? []);
            if (rows.Count > MaxRows + 1)
                throw new SpreadsheetException("TooManyRows", $"The file has more than {MaxRows:N0} rows; split it.");
        }
        return Shape(rows);
    }

    public static SpreadsheetTable ReadXlsx(Stream content)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(content, false);
            var workbook = document.WorkbookPart ?? throw new SpreadsheetException("NoSheets", "The workbook has no sheets.");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new SpreadsheetException("NoSheets", "The workbook has no sheets.");
            var sheet = (WorksheetPart)workbook.GetPartById(first.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rows = new List<string[]>();
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                        cells.Add("");
                    cells.Add(TextOf(cell, shared));
                }
                rows.Add([.. cells]);
                if (rows.Count > MaxRows + 1)
                    throw new SpreadsheetException("TooManyRows", $"The file has more than {MaxRows:N0} rows; split it.");
            }
            return Shape(rows);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new SpreadsheetException("Unreadable", "This is not a readable .xlsx file.");
        }
    }

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter();
        // Semicolons and a BOM: what Excel with Russian settings opens correctly with a double click.
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var header in headers)
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                    csv.WriteField(value);
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] WriteXlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(headers));
            foreach (var row in rows)
                data.Append(RowOf(row));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return output.ToArray();
    }

    private static Row RowOf(IEnumerable<string> values) =>
        new(values.Select(v => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v ?? "")) }));

    private static string TextOf(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index))
            return index < shared.Length ? shared[index].Trim() : "";
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText.Trim() ?? "";
        return cell.CellValue?.Text.Trim() ?? "";
    }

    /// <summary>"C7" → 2. Cells left empty in a row are not stored, so positions come from the reference.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return index - 1;
    }

    private static SpreadsheetTable Shape(List<string[]> rows)
    {
        rows.RemoveAll(r => r.All(string.IsNullOrWhiteSpace));
        if (rows.Count == 0)
            throw new SpreadsheetException("Empty", "The file is empty: the first row must name the columns.");
        var headers = rows[0].Select(h => h.Trim()).ToArray();
        var body = rows.Skip(1).Select(r => Enumerable.Range(0, headers.Length).Select(i => i < r.Length ? r[i].Trim() : "").ToArray()).ToList();
        return new SpreadsheetTable(headers, body);
    }

    /// <summary>UTF-8 (with or without BOM) when it decodes cleanly; otherwise Windows-1251, what older 1C and Excel write.</summary>
    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1251).GetString(bytes);
        }
    }
}
