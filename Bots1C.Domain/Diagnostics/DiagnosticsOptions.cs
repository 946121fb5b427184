namespace Bots1C.Domain.Diagnostics;

public sealed class DiagnosticsOptions
{
    public const string Section = "Bots1C:Diagnostics";

    /// <summary>How often every active bot's connection and webhook are checked in the background; 0 turns it off.</summary>
    public int CheckIntervalMinutes { get; set; } = 5;

    /// <summary>Where this app answers on this machine (step 3). Empty: the first address Kestrel listens on.</summary>
    public string? LocalUrl { get; set; }

    /// <summary>A certificate expiring within this many days is a warning.</summary>
    public int CertificateWarningDays { get; set; } = 14;

    /// <summary>Bounds each network step (DNS, connect, TLS, HTTP).</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
