namespace Bots1C.Domain.Diagnostics;

/// <summary>What a step can find wrong besides the certificate (<see cref="CertificateProblems"/>). The pages say each in
/// the reader's language as <c>Diag.Problem.{code}</c> with its fix <c>Diag.Fix.{code}</c>.</summary>
public static class DiagnosticProblems
{
    public const string PendingMigrations = "PendingMigrations";
    public const string LicenseRefused = "LicenseRefused";
    public const string LicenseErrorsLogged = "LicenseErrorsLogged";
    public const string PublicAddressInvalid = "PublicAddressInvalid";
    public const string PathCaseMismatch = "PathCaseMismatch";
    public const string PathMismatch = "PathMismatch";
    public const string LocalAddressUnknown = "LocalAddressUnknown";
    public const string AsksForPassword = "AsksForPassword";
    public const string NotReady = "NotReady";
    public const string LocalNoAnswer = "LocalNoAnswer";
    public const string HostNotFound = "HostNotFound";
    public const string PortClosed = "PortClosed";
    public const string HttpsRefused = "HttpsRefused";
    public const string NoHttpAnswer = "NoHttpAnswer";
    /// <summary>The address is this computer itself: it answered, but that says nothing of the internet.</summary>
    public const string LoopbackOnly = "LoopbackOnly";
    public const string NotHttps = "NotHttps";
    public const string NoTls = "NoTls";
    public const string Tls12NotAccepted = "Tls12NotAccepted";
    public const string OldProtocolsAccepted = "OldProtocolsAccepted";
    public const string MessengerUnreachable = "MessengerUnreachable";
    public const string WebhookNotRegistered = "WebhookNotRegistered";
    public const string WebhookElsewhere = "WebhookElsewhere";
    public const string MessengerDeliveryFails = "MessengerDeliveryFails";
    public const string MessengerPastError = "MessengerPastError";
    public const string UpdatesPilingUp = "UpdatesPilingUp";
    public const string CheckFailed = "CheckFailed";
}
