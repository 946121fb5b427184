using FluentValidation;

namespace Bots1C.Domain.Counterparties;

/// <summary>What a person, the API, an import or the 1C sync gives for a counterparty record.</summary>
public sealed record CounterpartyInput(
    string CounterpartyType, string Name, string? Inn, string? Kpp,
    IReadOnlyList<string>? Phones, IReadOnlyList<string>? Emails,
    string? MainManagerUserId, string? Notes, string? ExternalId);

public sealed class CounterpartyInputValidator : AbstractValidator<CounterpartyInput>
{
    public const int MaxName = 300;

    public CounterpartyInputValidator()
    {
        RuleFor(o => o.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("NameRequired").WithMessage("Give the name.")
            .MaximumLength(MaxName).WithErrorCode("NameTooLong").WithMessage($"The name is at most {MaxName} characters.");
        RuleFor(o => o.CounterpartyType).NotEmpty().WithErrorCode("TypeRequired").WithMessage("Choose the type.");
        RuleFor(o => o.Inn).Must(i => string.IsNullOrWhiteSpace(i) || Inn.IsValid(i.Trim())).WithErrorCode("InnInvalid")
            .WithMessage("The INN must be 10 or 12 digits with correct check digits.");
        RuleFor(o => o.Kpp).Must(k => string.IsNullOrWhiteSpace(k) || k.Trim().Length == 9 && k.Trim().All(char.IsAsciiLetterOrDigit))
            .WithErrorCode("KppInvalid").WithMessage("The KPP is 9 characters (digits; the 5th and 6th may be letters).");
        RuleForEach(o => o.Phones).Must(p => Scenarios.PhoneNormalizer.ToE164(p) is not null).WithErrorCode("PhoneInvalid")
            .WithMessage((_, p) => $"'{p}' is not a phone number.");
        // The scenarios' rule: an address no scenario would accept (ivan@localhost) could never link a contact.
        RuleForEach(o => o.Emails).Must(e => e is not null && Scenarios.Methods.EmailAddresses.IsValid(e))
            .WithErrorCode("EmailInvalid").WithMessage((_, e) => $"'{e}' is not an e-mail address.");
        RuleFor(o => o.Notes).MaximumLength(4000).WithErrorCode("NotesTooLong").WithMessage("Notes are at most 4000 characters.");
        RuleFor(o => o.ExternalId).MaximumLength(100).WithErrorCode("ExternalIdTooLong").WithMessage("The external id is at most 100 characters.");
    }
}
