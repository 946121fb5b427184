using FluentValidation;

namespace Bots1C.Domain.PrintForms;

public sealed record PrintDocumentLineInput(string? Name, decimal Quantity, string? Unit, decimal Price, int? VatRate);

/// <summary>A document as the page, the API and 1C send it.</summary>
public sealed record PrintDocumentInput(DocumentKind Kind, string? Number, DateOnly Date, long CounterpartyId, string? Contract,
    IReadOnlyList<PrintDocumentLineInput> Lines, string? ExternalId = null, string? Currency = PrintDocument.Rub);

public sealed class PrintDocumentInputValidator : AbstractValidator<PrintDocumentInput>
{
    public const int MaxLines = 1000;

    public PrintDocumentInputValidator()
    {
        RuleFor(d => d.Kind).IsInEnum().WithErrorCode("KindUnknown").WithMessage("The kind is Invoice, Act or Reconciliation.");
        RuleFor(d => d.Number).NotEmpty().WithErrorCode("NumberRequired").WithMessage("Write the document's number.")
            .MaximumLength(50).WithErrorCode("NumberTooLong").WithMessage("The number is at most 50 characters.");
        RuleFor(d => d.Date).NotEqual(default(DateOnly)).WithErrorCode("DateRequired").WithMessage("Give the document's date.");
        RuleFor(d => d.CounterpartyId).GreaterThan(0).WithErrorCode("CounterpartyRequired").WithMessage("Choose the counterparty.");
        RuleFor(d => d.Contract).MaximumLength(300).WithErrorCode("ContractTooLong").WithMessage("The contract is at most 300 characters.");
        RuleFor(d => d.ExternalId).MaximumLength(100).WithErrorCode("ExternalIdTooLong").WithMessage("The external id is at most 100 characters.");
        RuleFor(d => d.Currency).Must(c => c is null || c.Trim().Equals(PrintDocument.Rub, StringComparison.OrdinalIgnoreCase))
            .WithErrorCode("CurrencyUnsupported").WithMessage("Documents are in roubles (RUB).");
        RuleFor(d => d.Lines).NotEmpty().WithErrorCode("LinesRequired").WithMessage("A document needs at least one line.")
            .Must(l => l.Count <= MaxLines).WithErrorCode("TooManyLines").WithMessage($"At most {MaxLines} lines.");
        RuleForEach(d => d.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Name).NotEmpty().WithErrorCode("LineNameRequired").WithMessage("Every line needs a name.")
                .MaximumLength(1000).WithErrorCode("LineNameTooLong").WithMessage("A line's name is at most 1000 characters.");
            line.RuleFor(l => l.Quantity).GreaterThan(0).WithErrorCode("QuantityInvalid").WithMessage("The quantity is above zero.");
            line.RuleFor(l => l.Unit).MaximumLength(20).WithErrorCode("UnitTooLong").WithMessage("The unit is at most 20 characters.");
            line.RuleFor(l => l.VatRate).InclusiveBetween(0, 100).When(l => l.VatRate is not null)
                .WithErrorCode("VatInvalid").WithMessage("VAT is a percentage from 0 to 100.");
            line.RuleFor(l => Math.Abs(l.Price)).LessThan(1_000_000_000_000m).OverridePropertyName("Price")
                .WithErrorCode("PriceTooLarge").WithMessage("The price is too large.");
        });
        // Only a reconciliation has negative amounts (the counterparty's payments).
        RuleForEach(d => d.Lines).Must(l => l.Price >= 0).When(d => d.Kind != DocumentKind.Reconciliation)
            .WithErrorCode("PriceNegative").WithMessage("Prices are zero or more.");
    }
}
