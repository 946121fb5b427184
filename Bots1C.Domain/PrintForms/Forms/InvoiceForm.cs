using Bots1C.Domain.PrintForms.Rendering;
using PdfSharp.Drawing;

namespace Bots1C.Domain.PrintForms.Forms;

/// <summary>Счёт на оплату: the bank details box, supplier and buyer, the lines, totals, the sum in words, signatures.</summary>
public sealed class InvoiceForm : IPrintFormTemplate
{
    public string Name => "invoice";
    public DocumentKind Kind => DocumentKind.Invoice;

    public string Title(PrintDocument document) => $"Счёт на оплату № {document.Number} от {FormText.Date(document.Date)}";

    public byte[] Render(PrintDocument document, OrganisationDetails organisation)
    {
        using var sheet = new PdfSheet(Title(document));
        sheet.Image(organisation.Logo, sheet.Left, sheet.Y, 120, 40);
        if (organisation.Logo is { Length: > 0 })
            sheet.Y += 46;

        var font = PdfSheet.Normal;
        var w = sheet.Width;
        var (left, label) = (w * 0.55, w * 0.1);
        sheet.Box(
        [
            ($"{organisation.BankName}\nБанк получателя", 0, left, 0, 2, font),
            ("БИК", left, label, 0, 1, font), (organisation.Bic ?? "", left + label, w - left - label, 0, 1, font),
            ("Сч. №", left, label, 1, 1, font), (organisation.CorrespondentAccount ?? "", left + label, w - left - label, 1, 1, font),
            ($"ИНН {organisation.Inn}", 0, left / 2, 2, 1, font), ($"КПП {organisation.Kpp}", left / 2, left / 2, 2, 1, font),
            ("Сч. №", left, label, 2, 2, font), (organisation.SettlementAccount ?? "", left + label, w - left - label, 2, 2, font),
            ($"{organisation.Name}\nПолучатель", 0, left, 3, 1, font),
        ], rows: 4, rowHeight: 24);

        sheet.Paragraph(Title(document), PdfSheet.Title, sheet.Left, sheet.Width, spaceAfter: 4);
        sheet.Rule();
        Parties(sheet, document, organisation, "Поставщик (Исполнитель):", "Покупатель (Заказчик):");
        LinesSection.Write(sheet, document, "Товары (работы, услуги)", "Всего наименований");
        sheet.Paragraph("Оплатить не позднее трёх банковских дней. Оплата данного счёта означает согласие с условиями поставки товара.",
            PdfSheet.Small, sheet.Left, sheet.Width, spaceAfter: 4);
        sheet.Rule();
        Signatures(sheet, organisation);
        return sheet.Finish();
    }

    public static void Parties(PdfSheet sheet, PrintDocument document, OrganisationDetails organisation, string ourRole, string theirRole)
    {
        var counterparty = document.Counterparty!;
        var labelWidth = 130;
        Row(sheet, ourRole, FormText.Party(organisation.Name, organisation.Inn, organisation.Kpp, organisation.Address), labelWidth);
        Row(sheet, theirRole, FormText.Party(counterparty.Name, counterparty.Inn, counterparty.Kpp, null), labelWidth);
        if (!string.IsNullOrWhiteSpace(document.Contract))
            Row(sheet, "Основание:", document.Contract, labelWidth);
        sheet.Y += 4;
    }

    private static void Row(PdfSheet sheet, string label, string text, double labelWidth)
    {
        var top = sheet.Y;
        sheet.Paragraph(text, PdfSheet.NormalBold, sheet.Left + labelWidth, sheet.Width - labelWidth, spaceAfter: 4);
        var y = sheet.Y;
        sheet.Y = top;
        sheet.Graphics.DrawString(label, PdfSheet.Normal, XBrushes.Black, new XRect(sheet.Left, top, labelWidth, 12), XStringFormats.TopLeft);
        sheet.Y = y;
    }

    public static void Signatures(PdfSheet sheet, OrganisationDetails organisation)
    {
        sheet.EnsureRoom(90);
        var top = sheet.Y;
        var half = sheet.Width / 2;
        sheet.Signature("Руководитель", organisation.Director, sheet.Left, half - 10);
        sheet.Signature("Бухгалтер", organisation.ChiefAccountant, sheet.Left + half + 10, half - 10);
        sheet.Image(organisation.Signature, sheet.Left + 80, top - 18, 90, 36);
        sheet.Image(organisation.Stamp, sheet.Left + 150, top + 14, 110, 110);
        sheet.Y = top + 40;
    }
}
