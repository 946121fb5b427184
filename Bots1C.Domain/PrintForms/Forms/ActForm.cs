using Bots1C.Domain.PrintForms.Rendering;

namespace Bots1C.Domain.PrintForms.Forms;

/// <summary>Акт выполненных работ (оказанных услуг): performer and customer, the services, totals, the sum in words,
/// the customer's "no claims" sentence and both sides' signatures.</summary>
public sealed class ActForm : IPrintFormTemplate
{
    public string Name => "act";
    public DocumentKind Kind => DocumentKind.Act;

    public string Title(PrintDocument document) => $"Акт № {document.Number} от {FormText.Date(document.Date)}";

    public byte[] Render(PrintDocument document, OrganisationDetails organisation)
    {
        using var sheet = new PdfSheet(Title(document));
        sheet.Paragraph(Title(document), PdfSheet.Title, sheet.Left, sheet.Width, spaceAfter: 4);
        sheet.Rule();
        InvoiceForm.Parties(sheet, document, organisation, "Исполнитель:", "Заказчик:");
        LinesSection.Write(sheet, document, "Наименование работ, услуг", "Всего оказано услуг");
        sheet.Paragraph("Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам " +
            "оказания услуг не имеет.", PdfSheet.Normal, sheet.Left, sheet.Width, spaceAfter: 8);
        sheet.Rule();
        SidesSignatures(sheet, organisation, document.Counterparty!);
        return sheet.Finish();
    }

    /// <summary>Two columns: ours (with the director, stamp and signature images) and the counterparty's.</summary>
    public static void SidesSignatures(PdfSheet sheet, OrganisationDetails organisation, Counterparties.Counterparty counterparty)
    {
        sheet.EnsureRoom(110);
        var top = sheet.Y;
        var half = sheet.Width / 2;
        sheet.Paragraph("ИСПОЛНИТЕЛЬ", PdfSheet.NormalBold, sheet.Left, half - 10, spaceAfter: 0);
        sheet.Paragraph(organisation.Name, PdfSheet.Normal, sheet.Left, half - 10, spaceAfter: 10);
        var signTop = sheet.Y;
        sheet.Signature("Руководитель", organisation.Director, sheet.Left, half - 10);
        sheet.Image(organisation.Signature, sheet.Left + 80, signTop - 18, 90, 36);
        sheet.Image(organisation.Stamp, sheet.Left + 150, signTop + 14, 100, 100);
        var leftBottom = sheet.Y;
        sheet.Y = top;
        sheet.Paragraph("ЗАКАЗЧИК", PdfSheet.NormalBold, sheet.Left + half + 10, half - 10, spaceAfter: 0);
        sheet.Paragraph(counterparty.Name, PdfSheet.Normal, sheet.Left + half + 10, half - 10, spaceAfter: 10);
        sheet.Y = Math.Max(signTop, sheet.Y);
        sheet.Signature("", null, sheet.Left + half + 10, half - 10);
        sheet.Y = Math.Max(leftBottom, sheet.Y) + 40;
    }
}
