namespace Bots1C.Domain.Licensing;

/// <summary>Every license error of the original (administrator's guide, section 1.2), plus "no license" and "not a valid key".</summary>
public enum LicenseError
{
    // Obtaining a key from the license server.
    NoConnection,
    ServerUnavailable,
    LicenseeIncorrect,
    LicensesExceeded,
    // Using a key: bot save or activation, a new contact, webhook registration.
    MessengerNotAllowed,
    SharedDatabase,
    Expired,
    TooManyActiveBots,
    TestContactLimit,
    DomainMismatch,
    NoLicense,
    InvalidKey,
}

/// <summary>A refusal with what its message needs. <see cref="English"/> goes to the event log (searchable, exportable);
/// the pages say it in the reader's language from <see cref="Error"/> and the same values.</summary>
public sealed record LicenseRefusal(LicenseError Error, int? Limit = null, string? Host = null, string? Messenger = null, string? Detail = null)
{
    /// <summary>The event log's code: the page shows <c>Event.License{Error}</c> in the reader's language.</summary>
    public string EventCode => "License" + Error;

    public string English => Error switch
    {
        LicenseError.NoConnection =>
            $"No connection to the license server{Quoted(Host)}. Check the internet connection: a firewall may block this app. The license server's address must be reachable from this server.",
        LicenseError.ServerUnavailable =>
            $"The license server answered with an error (404) or did not answer in time{Paren(Detail)}. Try again in an hour, then in four hours: the vendor may be updating its server. If it repeats, write to support.",
        LicenseError.LicenseeIncorrect =>
            "Licensee data is incorrect! Check the INN and the contract number. If you are sure they are right, write to support to check them.",
        LicenseError.LicensesExceeded =>
            "The number of received licenses is exceeded: the working license for this contract has already been issued (one per contract). You may need to buy another license.",
        LicenseError.MessengerNotAllowed => $"License key: this messenger type ({Messenger}) is not available under the license!",
        LicenseError.SharedDatabase => "License key: use on a shared (multi-tenant) database is detected!",
        LicenseError.Expired => "License key: the license has expired!",
        LicenseError.TooManyActiveBots =>
            $"License key: too many active (not disabled and not marked for deletion) bots; the license allows {Limit}.",
        LicenseError.TestContactLimit => $"License key: the developer (test) license allows at most {Limit} contacts per bot!",
        LicenseError.DomainMismatch => $"License key: the domain registered in the license ({Host}) does not match the bot's webhook!",
        LicenseError.NoLicense => "There is no license: get a test license (one click, offline) or a working license on the License page.",
        LicenseError.InvalidKey => $"The license key is not valid: {Detail}.",
        _ => Error.ToString(),
    };

    /// <summary>For <see cref="LicenseError.InvalidKey"/>: what is wrong with the key.</summary>
    public KeyCheck? Check { get; init; }

    private static string Quoted(string? value) => value is null ? "" : $" ({value})";
    private static string Paren(string? value) => value is null ? "" : $" ({value})";

    public static LicenseRefusal InvalidKey(KeyCheck check) => new(LicenseError.InvalidKey, Detail: Describe(check)) { Check = check };

    /// <summary>
    /// A refused contact keeps only its error. Its details (the limit, the licensed host) are taken from the license
    /// installed now, because the contact is checked again against that license at its next message: so a working key
    /// with its own limits is described with its limits, not the test license's.
    /// </summary>
    public static LicenseRefusal OfContact(LicenseError error, LicenseStatus status, Bots.Messenger messenger) => error switch
    {
        LicenseError.TestContactLimit => new(error, Limit: status.License?.ContactsPerBot ?? LicenseDocument.TestContactsPerBot),
        LicenseError.TooManyActiveBots => new(error, Limit: status.License?.ActiveBots ?? LicenseDocument.TestActiveBots),
        LicenseError.DomainMismatch => new(error, Host: status.License?.WebhookHost),
        LicenseError.MessengerNotAllowed => new(error, Messenger: messenger.ToString()),
        LicenseError.InvalidKey when status.Check is { } check => InvalidKey(check),
        _ => new(error),
    };

    private static string Describe(KeyCheck check) => check switch
    {
        KeyCheck.Malformed => "it is not a license key (two base64url parts joined by a dot)",
        KeyCheck.BadSignature => "its signature does not match a key this app trusts, or it was changed after signing",
        KeyCheck.OtherInstallation => "it is a test key made for another installation",
        KeyCheck.TestGrantsTooMuch => "it is a test key that claims more than a test license may have",
        KeyCheck.Expired => "it has expired",
        _ => check.ToString(),
    };
}
