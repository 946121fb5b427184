using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bots1C.Domain.PrintForms.Rendering;

public enum CellAlign { Left, Center, Right }

public sealed record TableColumn(string Title, double Width, CellAlign Align = CellAlign.Left);

/// <summary>
/// A4 pages written top to bottom: wrapped text, boxes, tables whose header is drawn again on every page they run
/// onto, and "Страница N из M" at the foot of each page once the document is complete. The forms describe what to
/// print; this class knows where the page ends.
/// </summary>
public sealed class PdfSheet : IDisposable
{
    public const double Margin = 40, FootRoom = 36;
    public static readonly XFont Small = Font(8), Normal = Font(9), NormalBold = Font(9, bold: true), Title = Font(14, bold: true);

    private readonly PdfDocument _document = new();
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;

    public PdfSheet(string title)
    {
        LiberationSansFonts.Install();
        _document.Info.Title = title;
        _document.Info.Creator = "Bots1C";
        NewPage();
    }

    public static XFont Font(double size, bool bold = false) =>
        new(LiberationSansFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    public double Y { get; set; }
    public double Left => Margin;
    public double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin - FootRoom;
    public XGraphics Graphics => _gfx;

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public bool EnsureRoom(double height)
    {
        if (Y + height <= Bottom)
            return false;
        NewPage();
        return true;
    }

    /// <summary>Wrapped text in a column; moves down by its height.</summary>
    public void Paragraph(string text, XFont font, double x, double width, CellAlign align = CellAlign.Left, double spaceAfter = 2)
    {
        var lines = Wrap(text, font, width);
        var height = lines.Count * LineHeight(font);
        EnsureRoom(height);
        DrawLines(lines, font, x, Y, width, align);
        Y += height + spaceAfter;
    }

    /// <summary>Bordered cells on a grid of rows (the invoice's bank box): each cell spans one or more rows.</summary>
    public void Box(IReadOnlyList<(string Text, double X, double Width, int Row, int Rows, XFont Font)> cells, int rows, double rowHeight)
    {
        EnsureRoom(rows * rowHeight);
        foreach (var (text, x, width, row, span, font) in cells)
        {
            var top = Y + row * rowHeight;
            _gfx.DrawRectangle(XPens.Black, Left + x, top, width, span * rowHeight);
            DrawLines(Wrap(text, font, width - 4), font, Left + x + 2, top + 2, width - 4, CellAlign.Left);
        }
        Y += rows * rowHeight + 10;
    }

    public void Rule(double thickness = 1.5)
    {
        _gfx.DrawLine(new XPen(XColors.Black, thickness), Left, Y, Left + Width, Y);
        Y += 6;
    }

    public void Image(byte[]? content, double x, double y, double maxWidth, double maxHeight)
    {
        if (content is not { Length: > 0 })
            return;
        using var stream = new MemoryStream(content, writable: false);
        using var image = XImage.FromStream(stream);
        var scale = Math.Min(maxWidth / image.PointWidth, maxHeight / image.PointHeight);
        _gfx.DrawImage(image, x, y, image.PointWidth * scale, image.PointHeight * scale);
    }

    /// <summary>A table: the header, then each row with wrapped cells; a row that does not fit goes to the next page,
    /// which gets the header again.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var scale = Width / columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width * scale).ToList();
        var header = columns.Select(c => c.Title).ToList();
        Row(header, columns, widths, NormalBold, isHeader: true);
        foreach (var row in rows)
        {
            if (EnsureRoom(RowHeight(row, widths, Normal)))
                Row(header, columns, widths, NormalBold, isHeader: true);
            Row(row, columns, widths, Normal, isHeader: false);
        }
        Y += 6;
    }

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<TableColumn> columns, IReadOnlyList<double> widths, XFont font, bool isHeader)
    {
        var height = RowHeight(cells, widths, font);
        EnsureRoom(height);
        var x = Left;
        for (var i = 0; i < cells.Count; i++)
        {
            _gfx.DrawRectangle(isHeader ? new XPen(XColors.Black, 1) : XPens.Black, x, Y, widths[i], height);
            DrawLines(Wrap(cells[i], font, widths[i] - 4), font, x + 2, Y + 2, widths[i] - 4, isHeader ? CellAlign.Center : columns[i].Align);
            x += widths[i];
        }
        Y += height;
    }

    private double RowHeight(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font) =>
        cells.Select((c, i) => Wrap(c, font, widths[i] - 4).Count).Max() * LineHeight(font) + 4;

    /// <summary>A line for a signature: "Руководитель ________ (name)".</summary>
    public void Signature(string role, string? name, double x, double width)
    {
        EnsureRoom(28);
        _gfx.DrawString(role, NormalBold, XBrushes.Black, new XRect(x, Y, width, 12), XStringFormats.TopLeft);
        var lineX = x + _gfx.MeasureString(role, NormalBold).Width + 6;
        var lineEnd = x + width - 4;
        _gfx.DrawLine(XPens.Black, lineX, Y + 11, lineEnd, Y + 11);
        if (!string.IsNullOrWhiteSpace(name))
            _gfx.DrawString(name, Normal, XBrushes.Black, new XRect(lineX, Y + 13, lineEnd - lineX, 10), XStringFormats.TopCenter);
    }

    public static double LineHeight(XFont font) => font.Size * 1.25;

    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                    line = candidate;
            }
            lines.Add(line);
        }
        return lines;
    }

    private void DrawLines(IReadOnlyList<string> lines, XFont font, double x, double y, double width, CellAlign align)
    {
        var format = align switch
        {
            CellAlign.Right => XStringFormats.TopRight,
            CellAlign.Center => XStringFormats.TopCenter,
            _ => XStringFormats.TopLeft,
        };
        foreach (var line in lines)
        {
            _gfx.DrawString(line, font, XBrushes.Black, new XRect(x, y, width, LineHeight(font)), format);
            y += LineHeight(font);
        }
    }

    /// <summary>Numbers the pages and returns the PDF.</summary>
    public byte[] Finish()
    {
        _gfx.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            gfx.DrawString($"Страница {i + 1} из {count}", Small, XBrushes.Gray,
                new XRect(Margin, page.Height.Point - Margin - 10, page.Width.Point - 2 * Margin, 10), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }
}
