namespace Bots1C.Domain.Licensing;

/// <summary><c>Bots1C:Licensing</c>.</summary>
public sealed class LicensingOptions
{
    public const string Section = "Bots1C:Licensing";

    /// <summary>The vendor public keys (PEM) this app trusts, by key id. Working keys are verified offline against them.</summary>
    public Dictionary<string, string> VendorKeys { get; set; } = new();

    /// <summary>The vendor's license server ("Get license" for a working license). Empty: keys are pasted.</summary>
    public string? ServerUrl { get; set; }

    public int ServerTimeoutSeconds { get; set; } = 30;

    /// <summary>Set by a hosting that keeps several companies in one database (the original's 1C:Fresh): keys that
    /// forbid it are refused.</summary>
    public bool SharedDatabase { get; set; }

    /// <summary>License server mode: the vendor runs this app with its private key.</summary>
    public LicenseServerOptions Server { get; set; } = new();
}

public sealed class LicenseServerOptions
{
    /// <summary>The vendor's private key (PEM file from <c>license keygen</c>). Set: <c>POST /api/license/requests</c> answers.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The id clients know the matching public key by (their <c>VendorKeys</c> entry).</summary>
    public string KeyId { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(PrivateKeyFile);
}
