namespace Bots1C.Domain.PrintForms;

public enum DocumentKind
{
    /// <summary>Счёт на оплату.</summary>
    Invoice,
    /// <summary>Акт выполненных работ.</summary>
    Act,
    /// <summary>Акт сверки взаимных расчётов.</summary>
    Reconciliation,
}

/// <summary>
/// A document the app holds for a counterparty (typed in, posted through the API or pushed by 1C). Amounts are in
/// roubles and line prices include VAT, as 1C prints them by default ("в том числе НДС").
/// </summary>
public class PrintDocument
{
    public const string Rub = "RUB";

    public long Id { get; set; }
    public DocumentKind Kind { get; set; }
    public string Number { get; set; } = "";
    public DateOnly Date { get; set; }
    public long CounterpartyId { get; set; }
    public Counterparties.Counterparty? Counterparty { get; set; }
    public string? Contract { get; set; }
    public string Currency { get; set; } = Rub;
    /// <summary>Its id in 1C, so pushing the same document again changes it rather than adding a copy.</summary>
    public string? ExternalId { get; set; }
    public List<PrintDocumentLine> Lines { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>VAT included in the total, by rate; lines without VAT are left out.</summary>
    public IReadOnlyList<(int Rate, decimal Amount)> VatByRate => Lines.Where(l => l.VatRate is > 0)
        .GroupBy(l => l.VatRate!.Value).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(l => l.VatAmount))).ToList();
}

/// <summary>One line. For a reconciliation statement a line is an operation: a positive amount is a debit (we
/// shipped or rendered), a negative one a credit (the counterparty paid); quantity 1, no unit.</summary>
public class PrintDocumentLine
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public decimal Quantity { get; set; } = 1;
    public string Unit { get; set; } = "шт";
    public decimal Price { get; set; }
    /// <summary>Percent (0, 10, 20, …); null means "without VAT".</summary>
    public int? VatRate { get; set; }

    public decimal Amount => Math.Round(Quantity * Price, 2, MidpointRounding.AwayFromZero);

    /// <summary>The VAT inside <see cref="Amount"/>: amount × rate / (100 + rate).</summary>
    public decimal VatAmount => VatRate is > 0 and var rate
        ? Math.Round(Amount * rate / (100 + rate), 2, MidpointRounding.AwayFromZero)
        : 0;
}
