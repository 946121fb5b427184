using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Licensing;

/// <summary>What licensing writes to the event log (see <see cref="EventDetail"/>). Never a key, only its id.</summary>
public static class LicenseEvents
{
    /// <summary>A license error (the original's list): the code is "License" + the error, the values what its text needs.</summary>
    public static EventDetail Refused(LicenseRefusal refusal) => refusal.Error switch
    {
        LicenseError.NoConnection when refusal.Host is { } host => new(refusal.EventCode, "Host", refusal.English, ("host", host)),
        LicenseError.ServerUnavailable when refusal.Detail is { } detail => new(refusal.EventCode, "Detail", refusal.English, ("reason", detail)),
        LicenseError.MessengerNotAllowed => new(refusal.EventCode, refusal.English, ("messenger", refusal.Messenger)),
        LicenseError.TooManyActiveBots or LicenseError.TestContactLimit => new(refusal.EventCode, refusal.English, ("limit", refusal.Limit)),
        LicenseError.DomainMismatch => new(refusal.EventCode, refusal.English, ("host", refusal.Host)),
        LicenseError.InvalidKey => new(refusal.EventCode, refusal.English, ("check", refusal.Check)),
        _ => new(refusal.EventCode, refusal.English),
    };

    public static EventDetail LicenseKeyRefused(KeyCheck check) =>
        new("LicenseKeyRefused", LicenseRefusal.InvalidKey(check).English, ("check", check));

    public static EventDetail LicenseInstalled(LicenseType type, string id, DateTimeOffset? expiresAt) => expiresAt is { } until
        ? new("LicenseInstalled", "Until", $"{type} license {id} installed, valid until {until:yyyy-MM-dd}.",
            ("licenseType", type), ("license", id), ("validUntil", until))
        : new("LicenseInstalled", $"{type} license {id} installed.", ("licenseType", type), ("license", id));

    public static EventDetail LicenseIssued(LicenseType type, string id, string inn, string contract, string? host) => host is null
        ? new("LicenseIssued", $"{type} license {id} issued for INN {inn}, contract {contract}.",
            ("licenseType", type), ("license", id), ("inn", inn), ("contract", contract))
        : new("LicenseIssued", "Host", $"{type} license {id} issued for INN {inn}, contract {contract}, host {host}.",
            ("licenseType", type), ("license", id), ("inn", inn), ("contract", contract), ("host", host));

    public static EventDetail LicenseRequestRefused(LicenseRequestProblem problem, string inn, string contract, int issued = 0)
    {
        var why = problem switch
        {
            LicenseRequestProblem.InnCheckDigits => "the INN's check digits are wrong",
            LicenseRequestProblem.NoSuchContract => "no such INN and contract",
            _ => $"{issued} working license(s) already issued",
        };
        (string, object?)[] args = problem == LicenseRequestProblem.AllIssued
            ? [("inn", inn), ("contract", contract), ("count", issued)]
            : [("inn", inn), ("contract", contract)];
        return new("LicenseRequestRefused", problem.ToString(), $"License request for INN {inn}, contract {contract} refused: {why}.", args);
    }
}

/// <summary>Why the license server refused a request, as its event log tells it.</summary>
public enum LicenseRequestProblem
{
    InnCheckDigits,
    NoSuchContract,
    AllIssued,
}
