namespace Bots1C.Domain.Conversations;

/// <summary>One messenger user as seen by one bot.</summary>
public class Contact
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public string ExternalUserId { get; set; } = "";
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Username { get; set; }
    public string? LanguageCode { get; set; }
    public string? Phone { get; set; }
    /// <summary>The customer typed <see cref="Phone"/> (a channel that cannot share a contact, or a scenario stored it),
    /// so nobody vouches that it is theirs; false when the messenger shared it from their own account.</summary>
    public bool PhoneTyped { get; set; }
    public string? Email { get; set; }
    /// <summary>The user blocked the bot (or unsubscribed): nothing is sent until they come back.</summary>
    public bool IsBlocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The counterparty (or other counterparty record) this messenger user belongs to.</summary>
    public long? CounterpartyId { get; set; }
    public Counterparties.Counterparty? Counterparty { get; set; }
    /// <summary>Its phone or e-mail matches several counterparties: a person must link it (the "to link" list).</summary>
    public bool NeedsPerson { get; set; }
    /// <summary>Why the license does not let the bot answer this contact (e.g. a test license's contact limit); null: served.</summary>
    public Licensing.LicenseError? LicenseRefusal { get; set; }
    /// <summary>Name, username and phone digits in lower case: the operators' search is case-insensitive for Cyrillic
    /// too (SQLite's LIKE folds ASCII only). Kept up to date by the context on every save.</summary>
    public string SearchText { get; set; } = "";

    public string BuildSearchText() =>
        string.Join(' ', new[] { FirstName, LastName, Username, Phone, Email, ExternalUserId }
            .Where(s => !string.IsNullOrWhiteSpace(s))).ToLowerInvariant();

    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : Username ?? ExternalUserId;
}
