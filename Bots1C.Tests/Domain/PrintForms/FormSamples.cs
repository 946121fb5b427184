using Bots1C.Domain.Counterparties;
using Bots1C.Domain.PrintForms;
using UglyToad.PdfPig;

namespace Bots1C.Tests.Domain.PrintForms;

/// <summary>Documents and an organisation to print, and the text a PDF reader gets back from a form.</summary>
public static class FormSamples
{
    public static OrganisationDetails Organisation => new()
    {
        Name = "ООО «Вектор»", Inn = "7707083893", Kpp = "773601001", Ogrn = "1027700132195", Address = "Москва, ул. Вавилова, 19",
        BankName = "ПАО Сбербанк, г. Москва", Bic = "044525225", CorrespondentAccount = "30101810400000000225",
        SettlementAccount = "40702810938000012345", Director = "Семёнов А. В.", ChiefAccountant = "Журавлёва Е. П.", DefaultVatRate = 20,
    };

    public static PrintDocument Document(DocumentKind kind, params PrintDocumentLine[] lines) => new()
    {
        Id = 1, Kind = kind, Number = "СЧ-0042", Date = new DateOnly(2026, 11, 28), CounterpartyId = 5, Contract = "Договор № 7 от 01.02.2026",
        Counterparty = new Counterparty { Id = 5, Name = "ООО «Ёлка и Ёж»", Inn = "7736050003", Kpp = "773601001" },
        Lines = lines.Length > 0 ? [.. lines] :
        [
            new() { Position = 1, Name = "Ёмкость для воды 20 л", Quantity = 2, Unit = "шт", Price = 50.00m, VatRate = 20 },
            new() { Position = 2, Name = "Доставка по Москве", Quantity = 1, Unit = "усл", Price = 23.45m, VatRate = 20 },
        ],
    };

    /// <summary>Every word of every page, separated by single spaces.</summary>
    public static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }
}
