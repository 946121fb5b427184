namespace Bots1C.Domain.Licensing.Server;

/// <summary>License server mode: a contract the vendor signed, what a license for it may do.</summary>
public class LicenseContract
{
    public long Id { get; set; }
    public string Inn { get; set; } = "";
    /// <summary>The contract (or invoice, or act) number, as the customer types it.</summary>
    public string Number { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Comma-separated messengers; null: all.</summary>
    public string? Messengers { get; set; }
    /// <summary>How many working licenses the contract pays for (the original: one).</summary>
    public int WorkingLicenses { get; set; } = 1;
    public bool ForbidsSharedDatabase { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<Bots.Messenger>? MessengerList =>
        Messengers is null ? null : Messengers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<Bots.Messenger>).ToList();
}

/// <summary>License server mode: a key the server issued, so a second working request for a contract is refused.</summary>
public class IssuedLicense
{
    public long Id { get; set; }
    public string LicenseId { get; set; } = "";
    public long ContractId { get; set; }
    public LicenseType Type { get; set; }
    public string? WebhookHost { get; set; }
    public string? InstallationId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public string Key { get; set; } = "";
}
