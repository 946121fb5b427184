namespace Bots1C.Web.Composition;

/// <summary>Unattended installs: <c>Bots1C__Bootstrap__AdminEmail</c> and <c>Bots1C__Bootstrap__AdminPassword</c>.</summary>
public class BootstrapOptions
{
    public const string Section = "Bots1C:Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminName { get; set; } = "Administrator";
    /// <summary><c>Bots1C__Bootstrap__ApiKey</c>: an API key created at start if it does not exist yet.</summary>
    public string? ApiKey { get; set; }
    /// <summary><c>Bots1C__Bootstrap__LicenseKey</c>: a license key installed at start unless it is already the current one.</summary>
    public string? LicenseKey { get; set; }
}
