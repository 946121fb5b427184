using Bots1C.Domain.PrintForms.Rendering;

namespace Bots1C.Domain.PrintForms.Forms;

/// <summary>What the invoice and the act share: the lines table, the totals with VAT and the sum in words.</summary>
public static class LinesSection
{
    public static void Write(PdfSheet sheet, PrintDocument document, string nameTitle, string countSentence)
    {
        sheet.Table(
            [
                new("№", 22, CellAlign.Center), new(nameTitle, 250), new("Кол-во", 50, CellAlign.Right), new("Ед.", 35, CellAlign.Center),
                new("Цена", 65, CellAlign.Right), new("НДС", 45, CellAlign.Center), new("Сумма", 75, CellAlign.Right),
            ],
            document.Lines.OrderBy(l => l.Position).Select((l, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(), l.Name, FormText.Quantity(l.Quantity), l.Unit, FormText.Money(l.Price), FormText.Vat(l.VatRate),
                FormText.Money(l.Amount),
            ]));

        var x = sheet.Left + sheet.Width * 0.45;
        var width = sheet.Width * 0.55;
        sheet.Paragraph($"Итого: {FormText.Money(document.Total)}", PdfSheet.NormalBold, x, width, CellAlign.Right);
        var vat = document.VatByRate;
        if (vat.Count == 0)
            sheet.Paragraph("Без налога (НДС): -", PdfSheet.NormalBold, x, width, CellAlign.Right);
        foreach (var (rate, amount) in vat)
            sheet.Paragraph($"В том числе НДС {rate}%: {FormText.Money(amount)}", PdfSheet.NormalBold, x, width, CellAlign.Right);
        sheet.Paragraph($"Всего к оплате: {FormText.Money(document.Total)}", PdfSheet.NormalBold, x, width, CellAlign.Right, spaceAfter: 8);

        sheet.Paragraph($"{countSentence} {document.Lines.Count}, на сумму {FormText.Money(document.Total)} руб.", PdfSheet.Normal,
            sheet.Left, sheet.Width);
        sheet.Paragraph(AmountInWords.Rubles(document.Total), PdfSheet.NormalBold, sheet.Left, sheet.Width, spaceAfter: 8);
    }
}
