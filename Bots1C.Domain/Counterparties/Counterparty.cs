namespace Bots1C.Domain.Counterparties;

/// <summary>
/// The business record contacts belong to: of the type "counterparty" by default, or a partner, employee, lead, or a type
/// an administrator adds (<see cref="CounterpartyTypes"/>). Contacts are linked to it automatically by phone or e-mail, and its
/// main manager gets the dialogs of its contacts.
/// </summary>
public class Counterparty
{
    public long Id { get; set; }
    /// <summary>The key of its type: a built-in one (<see cref="CounterpartyTypes.BuiltIn"/>) or a custom one.</summary>
    public string CounterpartyType { get; set; } = CounterpartyTypes.Counterparty;
    public string Name { get; set; } = "";
    /// <summary>The name in lower case: search ignores case for Cyrillic too (SQLite's lower() folds ASCII only).</summary>
    public string SearchName { get; set; } = "";
    /// <summary>Taxpayer number: 10 digits (organisations) or 12 (individuals), checksum verified.</summary>
    public string? Inn { get; set; }
    public string? Kpp { get; set; }
    public List<CounterpartyPhone> Phones { get; set; } = [];
    public List<CounterpartyEmail> Emails { get; set; } = [];
    /// <summary>The user who looks after this counterparty; dialogs of its contacts go to them when they are online.</summary>
    public string? MainManagerUserId { get; set; }
    public string? Notes { get; set; }
    /// <summary>Its id in 1C (the catalog item's Ref_Key), for sync and for the API's upsert.</summary>
    public string? ExternalId { get; set; }
    /// <summary>Kept for its links and history but offered nowhere (1C deleted it, or someone archived it).</summary>
    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One phone of a counterparty, in E.164 (how contacts' phones are stored), so linking is one indexed look-up.</summary>
public class CounterpartyPhone
{
    public long Id { get; set; }
    public long CounterpartyId { get; set; }
    public string Number { get; set; } = "";
}

/// <summary>One e-mail of a counterparty, trimmed and in lower case.</summary>
public class CounterpartyEmail
{
    public long Id { get; set; }
    public long CounterpartyId { get; set; }
    public string Address { get; set; } = "";
}

/// <summary>A type of counterparty an administrator added (e.g. "Drivers"), next to the built-in ones.</summary>
public class CustomCounterpartyType
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A change of a contact's counterparty, automatic or by a person; an automatic one can be undone.</summary>
public class ContactLinkChange
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public Conversations.Contact? Contact { get; set; }
    public long? PreviousCounterpartyId { get; set; }
    public long? NewCounterpartyId { get; set; }
    public bool Automatic { get; set; }
    /// <summary>What the link was made by: "phone +79123456789", "e-mail a@b.ru", "by hand".</summary>
    public string Reason { get; set; } = "";
    public string? Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
}
