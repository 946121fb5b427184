using System.Security.Cryptography;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Licensing.Server;

public sealed record IssueResult(string? Key, LicenseError? Refusal, IReadOnlyList<ValidationFailure> Errors)
{
    public static IssueResult Refused(LicenseError error) => new(null, error, []);
}

/// <summary>
/// License server mode: answers a license request with a key signed by the vendor's private key, or with the
/// original's refusals — "licensee data is incorrect" (INN checksum, unknown INN and contract) and "number of received
/// licenses exceeded" (a contract's working licenses already issued).
/// </summary>
public class LicenseIssuer(IDbContextFactory<Bots1CDbContext> dbFactory, IOptions<LicensingOptions> options, IValidator<LicenseRequest> validator,
    EventJournal journal, TimeProvider clock)
{
    private readonly Lazy<ECDsa> _key = new(() => LicenseKeys.FromPem(File.ReadAllText(options.Value.Server.PrivateKeyFile!)));

    public async Task<IssueResult> IssueAsync(LicenseRequest request, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
            return new IssueResult(null, null, validation.Errors);
        var inn = request.Inn!.Trim();
        var number = request.Contract!.Trim();
        if (!Counterparties.Inn.IsValid(inn))
            return await RefuseAsync(LicenseError.LicenseeIncorrect, LicenseEvents.LicenseRequestRefused(LicenseRequestProblem.InnCheckDigits, inn, number), inn, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contract = await db.LicenseContracts.FirstOrDefaultAsync(c => c.Inn == inn && c.Number == number, ct);
        if (contract is null)
            return await RefuseAsync(LicenseError.LicenseeIncorrect, LicenseEvents.LicenseRequestRefused(LicenseRequestProblem.NoSuchContract, inn, number), inn, ct);

        var now = clock.GetUtcNow();
        LicenseDocument license;
        if (request.Type == LicenseType.Working)
        {
            var issued = await db.IssuedLicenses.CountAsync(l => l.ContractId == contract.Id && l.Type == LicenseType.Working, ct);
            if (issued >= contract.WorkingLicenses)
                return await RefuseAsync(LicenseError.LicensesExceeded,
                    LicenseEvents.LicenseRequestRefused(LicenseRequestProblem.AllIssued, inn, number, issued), inn, ct);
            license = new LicenseDocument(Guid.NewGuid().ToString("N"), LicenseType.Working, inn, number, new Uri(request.WebhookUrl!).Host.ToLowerInvariant(),
                null, now, contract.ExpiresAt, contract.MessengerList, null, null);
        }
        else
        {
            license = LicenseKeys.TestLicense(request.InstallationId!.Trim(), now) with { Inn = inn, Contract = number };
        }
        license = license with { KeyId = options.Value.Server.KeyId, ForbidsSharedDatabase = contract.ForbidsSharedDatabase };
        var key = LicenseKeys.Sign(license, _key.Value);
        db.IssuedLicenses.Add(new IssuedLicense
        {
            LicenseId = license.Id, ContractId = contract.Id, Type = license.Type, WebhookHost = license.WebhookHost,
            InstallationId = license.InstallationId, IssuedAt = now, Key = key,
        });
        await db.SaveChangesAsync(ct);
        await journal.InfoAsync(EventSources.Licensing, LicenseEvents.LicenseIssued(license.Type, license.Id, inn, number, license.WebhookHost), inn);
        return new IssueResult(key, null, []);
    }

    /// <summary>The vendor registers a signed contract (the <c>license contract add</c> command).</summary>
    public async Task<LicenseContract> AddContractAsync(string inn, string number, DateTimeOffset? expires, IReadOnlyList<Bots.Messenger>? messengers,
        int workingLicenses, bool forbidsSharedDatabase, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contract = await db.LicenseContracts.FirstOrDefaultAsync(c => c.Inn == inn && c.Number == number, ct);
        if (contract is null)
            db.LicenseContracts.Add(contract = new LicenseContract { Inn = inn, Number = number, CreatedAt = clock.GetUtcNow() });
        contract.ExpiresAt = expires;
        contract.Messengers = messengers is null ? null : string.Join(',', messengers);
        contract.WorkingLicenses = workingLicenses;
        contract.ForbidsSharedDatabase = forbidsSharedDatabase;
        await db.SaveChangesAsync(ct);
        return contract;
    }

    private async Task<IssueResult> RefuseAsync(LicenseError error, EventDetail detail, string inn, CancellationToken ct)
    {
        await journal.WriteAsync(EventLevel.Warning, EventSources.Licensing, detail, inn, null, ct);
        return IssueResult.Refused(error);
    }
}
