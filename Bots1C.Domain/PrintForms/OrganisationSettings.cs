using Bots1C.Domain.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.PrintForms;

/// <summary>Checks what the forms print about us: numbers with their lengths (and the INN's check digits).</summary>
public sealed class OrganisationDetailsValidator : AbstractValidator<OrganisationDetails>
{
    public const int MaxImageBytes = 2 * 1024 * 1024;
    private const string ImageMessage = "Images are PNG or JPEG files of at most 2 MB.";

    public OrganisationDetailsValidator()
    {
        RuleFor(o => o.Name).NotEmpty().WithErrorCode("NameRequired").WithMessage("Write the organisation's name.")
            .MaximumLength(300).WithErrorCode("NameTooLong").WithMessage("The name is at most 300 characters.");
        RuleFor(o => o.Inn).Must(Counterparties.Inn.IsValid).When(o => !string.IsNullOrWhiteSpace(o.Inn))
            .WithErrorCode("InnInvalid").WithMessage("The INN is 10 or 12 digits with valid check digits.");
        RuleFor(o => o.Kpp).Matches("^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$").When(o => !string.IsNullOrWhiteSpace(o.Kpp))
            .WithErrorCode("KppInvalid").WithMessage("The KPP is 9 characters.");
        RuleFor(o => o.Ogrn).Matches("^([0-9]{13}|[0-9]{15})$").When(o => !string.IsNullOrWhiteSpace(o.Ogrn))
            .WithErrorCode("OgrnInvalid").WithMessage("The OGRN is 13 digits (15 for an individual entrepreneur).");
        RuleFor(o => o.Bic).Matches("^[0-9]{9}$").When(o => !string.IsNullOrWhiteSpace(o.Bic))
            .WithErrorCode("BicInvalid").WithMessage("The BIC is 9 digits.");
        RuleFor(o => o.CorrespondentAccount).Matches("^[0-9]{20}$").When(o => !string.IsNullOrWhiteSpace(o.CorrespondentAccount))
            .WithErrorCode("AccountInvalid").WithMessage("An account number is 20 digits.");
        RuleFor(o => o.SettlementAccount).Matches("^[0-9]{20}$").When(o => !string.IsNullOrWhiteSpace(o.SettlementAccount))
            .WithErrorCode("AccountInvalid").WithMessage("An account number is 20 digits.");
        RuleFor(o => o.DefaultVatRate).InclusiveBetween(0, 100).When(o => o.DefaultVatRate is not null)
            .WithErrorCode("VatInvalid").WithMessage("VAT is a percentage from 0 to 100.");
        RuleFor(o => o.Address).MaximumLength(500);
        RuleFor(o => o.BankName).MaximumLength(300);
        RuleFor(o => o.Director).MaximumLength(200);
        RuleFor(o => o.ChiefAccountant).MaximumLength(200);
        RuleFor(o => o.Logo).Must(Images.IsPngOrJpeg).When(o => o.Logo is { Length: > 0 }).WithErrorCode("ImageInvalid").WithMessage(ImageMessage);
        RuleFor(o => o.Stamp).Must(Images.IsPngOrJpeg).When(o => o.Stamp is { Length: > 0 }).WithErrorCode("ImageInvalid").WithMessage(ImageMessage);
        RuleFor(o => o.Signature).Must(Images.IsPngOrJpeg).When(o => o.Signature is { Length: > 0 }).WithErrorCode("ImageInvalid").WithMessage(ImageMessage);
    }
}

public static class Images
{
    public static bool IsPngOrJpeg(byte[]? content) => content is { Length: > 4 and <= OrganisationDetailsValidator.MaxImageBytes }
        && ((content[0] == 0x89 && content[1] == 'P' && content[2] == 'N' && content[3] == 'G') || (content[0] == 0xFF && content[1] == 0xD8));
}

/// <summary>Reads and saves our organisation's details (one row).</summary>
public sealed class OrganisationSettings(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<OrganisationDetails> validator, TimeProvider clock)
{
    /// <summary>The stored details, or empty ones (name "") before an administrator fills them in.</summary>
    public async Task<OrganisationDetails> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisation.AsNoTracking().FirstOrDefaultAsync(ct) ?? new OrganisationDetails();
    }

    public async Task<IReadOnlyList<ValidationFailure>> SaveAsync(OrganisationDetails details, CancellationToken ct = default)
    {
        Trim(details);
        var validation = await validator.ValidateAsync(details, ct);
        if (!validation.IsValid)
            return validation.Errors;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Organisation.FirstOrDefaultAsync(ct);
        details.Id = OrganisationDetails.SingleId;
        details.UpdatedAt = clock.GetUtcNow();
        if (stored is null)
            db.Organisation.Add(details);
        else
            db.Entry(stored).CurrentValues.SetValues(details);
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static void Trim(OrganisationDetails d)
    {
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        d.Name = d.Name?.Trim() ?? "";
        (d.Inn, d.Kpp, d.Ogrn, d.Address, d.BankName, d.Bic) = (T(d.Inn), T(d.Kpp)?.ToUpperInvariant(), T(d.Ogrn), T(d.Address), T(d.BankName), T(d.Bic));
        (d.CorrespondentAccount, d.SettlementAccount, d.Director, d.ChiefAccountant) =
            (T(d.CorrespondentAccount), T(d.SettlementAccount), T(d.Director), T(d.ChiefAccountant));
    }
}
