using FluentValidation;

namespace Bots1C.Domain.Licensing.Server;

/// <summary>What the license page sends to the license server (<c>POST /api/license/requests</c>).</summary>
public sealed record LicenseRequest(LicenseType? Type, string? Inn, string? Contract, string? WebhookUrl, string? InstallationId);

/// <summary>The shape of a request. A wrong INN checksum or an unknown contract is not a shape problem: it is the
/// original's "licensee data is incorrect", answered as such.</summary>
public sealed class LicenseRequestValidator : AbstractValidator<LicenseRequest>
{
    public LicenseRequestValidator()
    {
        RuleFor(r => r.Type).NotNull().WithMessage("Say which license: Test or Working.");
        RuleFor(r => r.Inn).NotEmpty().WithMessage("The INN is required.")
            .Matches("^[0-9]{10}([0-9]{2})?$").WithMessage("The INN is 10 or 12 digits.");
        RuleFor(r => r.Contract).NotEmpty().WithMessage("The contract number is required.").MaximumLength(100);
        RuleFor(r => r.WebhookUrl).NotEmpty().WithMessage("The webhook URL is required.")
            .Must(BeAnAbsoluteHttpUrl).WithMessage("The webhook URL must be an absolute http(s) address.")
            .When(r => r.Type == LicenseType.Working);
        RuleFor(r => r.InstallationId).NotEmpty().WithMessage("A test license needs the installation id.").MaximumLength(64)
            .When(r => r.Type == LicenseType.Test);
    }

    private static bool BeAnAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
