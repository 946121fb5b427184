using Bots1C.Domain.PrintForms.Rendering;

namespace Bots1C.Domain.PrintForms.Forms;

/// <summary>Акт сверки взаимных расчётов: the operations by our records (debit: we shipped, credit: they paid), the
/// turnover, and the balance with whom it favours, in figures and in words.</summary>
public sealed class ReconciliationForm : IPrintFormTemplate
{
    public string Name => "reconciliation";
    public DocumentKind Kind => DocumentKind.Reconciliation;

    public string Title(PrintDocument document) => $"Акт сверки взаимных расчётов № {document.Number} от {FormText.Date(document.Date)}";

    public byte[] Render(PrintDocument document, OrganisationDetails organisation)
    {
        var counterparty = document.Counterparty!;
        using var sheet = new PdfSheet(Title(document));
        sheet.Paragraph(Title(document), PdfSheet.Title, sheet.Left, sheet.Width, CellAlign.Center, spaceAfter: 4);
        var contract = string.IsNullOrWhiteSpace(document.Contract) ? "" : $" по {document.Contract}";
        sheet.Paragraph($"по состоянию на {FormText.Date(document.Date)} между {organisation.Name} и {counterparty.Name}{contract}",
            PdfSheet.Normal, sheet.Left, sheet.Width, CellAlign.Center, spaceAfter: 8);
        sheet.Paragraph($"Мы, нижеподписавшиеся, {organisation.Name} и {counterparty.Name} ({FormText.Party("", counterparty.Inn, counterparty.Kpp, null).TrimStart(',', ' ')}), " +
            "составили настоящий акт сверки в том, что состояние взаимных расчётов по данным учёта следующее:",
            PdfSheet.Normal, sheet.Left, sheet.Width, spaceAfter: 6);

        var lines = document.Lines.OrderBy(l => l.Position).ToList();
        sheet.Table(
            [new("№", 22, CellAlign.Center), new("Операция", 330), new("Дебет", 90, CellAlign.Right), new("Кредит", 90, CellAlign.Right)],
            lines.Select((l, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(), l.Name, l.Amount > 0 ? FormText.Money(l.Amount) : "", l.Amount < 0 ? FormText.Money(-l.Amount) : "",
            ]).Append(["", "Обороты за период", FormText.Money(lines.Where(l => l.Amount > 0).Sum(l => l.Amount)),
                FormText.Money(-lines.Where(l => l.Amount < 0).Sum(l => l.Amount))]));

        var balance = document.Total;
        var favour = balance switch
        {
            > 0 => $"задолженность в пользу {organisation.Name} составляет {FormText.Money(balance)} руб.",
            < 0 => $"задолженность в пользу {counterparty.Name} составляет {FormText.Money(-balance)} руб.",
            _ => $"задолженность отсутствует: {FormText.Money(0)} руб.",
        };
        sheet.Paragraph($"По данным {organisation.Name} на {FormText.Date(document.Date)} {favour}", PdfSheet.NormalBold,
            sheet.Left, sheet.Width, spaceAfter: 2);
        sheet.Paragraph(AmountInWords.Rubles(Math.Abs(balance)), PdfSheet.NormalBold, sheet.Left, sheet.Width, spaceAfter: 10);
        sheet.Rule();
        ActForm.SidesSignatures(sheet, organisation, counterparty);
        return sheet.Finish();
    }
}
