namespace Bots1C.Domain.Licensing;

/// <summary>This installation: an id made at first start and the key it signs its own test licenses with.
/// Lives in the database, so a test license follows the database (as the original's did), not the machine.</summary>
public class Installation
{
    /// <summary>Always 1: there is one row.</summary>
    public int Id { get; set; }
    public string InstallationId { get; set; } = "";
    /// <summary>PKCS#8 PEM. Whoever reads the database could sign test keys with it, which grant no more than a test license.</summary>
    public string TestKeyPem { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A license key installed here; the newest is the current one, the older ones are its history.</summary>
public class InstalledLicense
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string LicenseId { get; set; } = "";
    public LicenseType Type { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
    public string? InstalledBy { get; set; }
}
