using System.Security.Cryptography;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Licensing;

/// <summary>The installed license as the enforcement points see it. <see cref="Check"/> is recomputed on every read,
/// so a key expires on time without a restart.</summary>
public sealed record LicenseStatus(LicenseDocument? License, KeyCheck? Check, DateTimeOffset? InstalledAt, string? InstalledBy)
{
    public static readonly LicenseStatus None = new(null, null, null, null);

    public bool IsInstalled => License is not null;
    public bool IsValid => Check == KeyCheck.Valid;
}

/// <summary>
/// This installation's identity and its current license. Both are read on hot paths (a new contact, a bot save), so
/// they are held in memory after the first read; installing a key replaces them. Other instances of the app hear of an
/// installed key through <see cref="Invalidated"/> and read it again after <see cref="InvalidateFromElsewhere"/>.
/// </summary>
public class LicenseStore(IDbContextFactory<Bots1CDbContext> dbFactory, IOptions<LicensingOptions> options, EventJournal journal, TimeProvider clock)
{
    private sealed record Identity(string Id, ECDsa Key);
    private sealed record Current(string Key, LicenseDocument License, DateTimeOffset InstalledAt, string? InstalledBy);

    private volatile Identity? _identity;
    private volatile Current? _current;
    private volatile bool _currentLoaded;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<string> InstallationIdAsync(CancellationToken ct = default) => (await IdentityAsync(ct)).Id;

    /// <summary>Made at first start (and on first use, should the start have been skipped).</summary>
    public async Task EnsureInstallationAsync(CancellationToken ct = default) => await IdentityAsync(ct);

    public async Task<LicenseStatus> StatusAsync(CancellationToken ct = default)
    {
        var current = await CurrentAsync(ct);
        if (current is null)
            return LicenseStatus.None;
        var check = LicenseKeys.Verify(current.Key, await TrustedAsync(ct), (await IdentityAsync(ct)).Id, clock.GetUtcNow()).Check;
        return new LicenseStatus(current.License, check, current.InstalledAt, current.InstalledBy);
    }

    /// <summary>Verifies a key and, when it is valid here, makes it the current license.</summary>
    public async Task<KeyVerification> InstallAsync(string key, string? actor, CancellationToken ct = default)
    {
        key = key.Trim();
        var verification = LicenseKeys.Verify(key, await TrustedAsync(ct), (await IdentityAsync(ct)).Id, clock.GetUtcNow());
        if (verification.Check != KeyCheck.Valid)
        {
            await journal.WarningAsync(EventSources.Licensing, LicenseEvents.LicenseKeyRefused(verification.Check), null, actor);
            return verification;
        }
        var license = verification.License!;
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.InstalledLicenses.Add(new InstalledLicense { Key = key, LicenseId = license.Id, Type = license.Type, InstalledAt = now, InstalledBy = actor });
            await db.SaveChangesAsync(ct);
        }
        _current = new Current(key, license, now, actor);
        _currentLoaded = true;
        Invalidated?.Invoke();
        await journal.InfoAsync(EventSources.Licensing, LicenseEvents.LicenseInstalled(license.Type, license.Id, license.ExpiresAt), license.Id, actor);
        return verification;
    }

    /// <summary>Raised after a key was installed here, so other instances can be told.</summary>
    public event Action? Invalidated;

    /// <summary>Another instance installed a key: read the current license again on next use.</summary>
    public void InvalidateFromElsewhere() => _currentLoaded = false;

    /// <summary>The one-click offline test license: signed by this installation, bound to it, with the fixed limits.</summary>
    public async Task<KeyVerification> InstallTestLicenseAsync(string? actor, CancellationToken ct = default)
    {
        var identity = await IdentityAsync(ct);
        var key = LicenseKeys.Sign(LicenseKeys.TestLicense(identity.Id, clock.GetUtcNow()), identity.Key);
        return await InstallAsync(key, actor, ct);
    }

    /// <summary>"Get license" failed: the original's step 2 of troubleshooting reads license errors in the event log.</summary>
    public Task LogRequestRefusalAsync(LicenseRefusal refusal, string? actor) =>
        journal.WarningAsync(EventSources.Licensing, LicenseEvents.Refused(refusal), options.Value.ServerUrl, actor);

    /// <summary>The current key text, for the page's "copy" and for support.</summary>
    public async Task<string?> CurrentKeyAsync(CancellationToken ct = default) => (await CurrentAsync(ct))?.Key;

    private async Task<Current?> CurrentAsync(CancellationToken ct)
    {
        if (_currentLoaded)
            return _current;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.InstalledLicenses.AsNoTracking().OrderByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        var parsed = row is null ? null : LicenseKeys.Verify(row.Key, await TrustedAsync(ct), (await IdentityAsync(ct)).Id, clock.GetUtcNow()).License;
        _current = row is null || parsed is null ? null : new Current(row.Key, parsed, row.InstalledAt, row.InstalledBy);
        _currentLoaded = true;
        return _current;
    }

    private async Task<IReadOnlyDictionary<string, ECDsa>> TrustedAsync(CancellationToken ct)
    {
        var trusted = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var (id, pem) in options.Value.VendorKeys)
            if (!string.IsNullOrWhiteSpace(pem) && id != LicenseDocument.InstallationKeyId)
                trusted[id] = VendorKey(pem);
        trusted[LicenseDocument.InstallationKeyId] = (await IdentityAsync(ct)).Key;
        return trusted;
    }

    private readonly Dictionary<string, ECDsa> _vendorKeys = new(StringComparer.Ordinal);

    private ECDsa VendorKey(string pem)
    {
        lock (_vendorKeys)
        {
            if (!_vendorKeys.TryGetValue(pem, out var key))
                _vendorKeys[pem] = key = LicenseKeys.FromPem(pem);
            return key;
        }
    }

    private async Task<Identity> IdentityAsync(CancellationToken ct)
    {
        if (_identity is { } known)
            return known;
        await _gate.WaitAsync(ct);
        try
        {
            if (_identity is { } loaded)
                return loaded;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Installations.AsNoTracking().OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                using var key = LicenseKeys.NewKey();
                row = new Installation { Id = 1, InstallationId = Guid.NewGuid().ToString("N"), TestKeyPem = LicenseKeys.PrivatePem(key), CreatedAt = clock.GetUtcNow() };
                db.Installations.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance on the same database made it first: use theirs.
                    await using var again = await dbFactory.CreateDbContextAsync(ct);
                    row = await again.Installations.AsNoTracking().OrderBy(i => i.Id).FirstAsync(ct);
                }
            }
            return _identity = new Identity(row.InstallationId, LicenseKeys.FromPem(row.TestKeyPem));
        }
        finally
        {
            _gate.Release();
        }
    }
}
