namespace Bots1C.Domain.Owners;

/// <summary>
/// The business record contacts belong to: a counterparty by default, or a partner, employee, lead, or a type an
/// administrator adds (<see cref="OwnerTypes"/>). Contacts are linked to it automatically by phone or e-mail, and its
/// main manager gets the dialogs of its contacts.
/// </summary>
public class Owner
{
    public const string Counterparty = "Counterparty";

    public long Id { get; set; }
    /// <summary>The key of its type: a built-in one (<see cref="OwnerTypes.BuiltIn"/>) or a custom one.</summary>
    public string OwnerType { get; set; } = Counterparty;
    public string Name { get; set; } = "";
    /// <summary>The name in lower case: search ignores case for Cyrillic too (SQLite's lower() folds ASCII only).</summary>
    public string SearchName { get; set; } = "";
    /// <summary>Taxpayer number: 10 digits (organisations) or 12 (individuals), checksum verified.</summary>
    public string? Inn { get; set; }
    public string? Kpp { get; set; }
    public List<OwnerPhone> Phones { get; set; } = [];
    public List<OwnerEmail> Emails { get; set; } = [];
    /// <summary>The user who looks after this owner; dialogs of its contacts go to them when they are online.</summary>
    public string? MainManagerUserId { get; set; }
    public string? Notes { get; set; }
    /// <summary>Its id in 1C (the catalog item's Ref_Key), for sync and for the API's upsert.</summary>
    public string? ExternalId { get; set; }
    /// <summary>Kept for its links and history but offered nowhere (1C deleted it, or someone archived it).</summary>
    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One phone of an owner, in E.164 (how contacts' phones are stored), so linking is one indexed look-up.</summary>
public class OwnerPhone
{
    public long Id { get; set; }
    public long OwnerId { get; set; }
    public string Number { get; set; } = "";
}

/// <summary>One e-mail of an owner, trimmed and in lower case.</summary>
public class OwnerEmail
{
    public long Id { get; set; }
    public long OwnerId { get; set; }
    public string Address { get; set; } = "";
}

/// <summary>A type of owner an administrator added (e.g. "Drivers"), next to the built-in ones.</summary>
public class CustomOwnerType
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A change of a contact's owner, automatic or by a person; an automatic one can be undone.</summary>
public class ContactLinkChange
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public Conversations.Contact? Contact { get; set; }
    public long? PreviousOwnerId { get; set; }
    public long? NewOwnerId { get; set; }
    public bool Automatic { get; set; }
    /// <summary>What the link was made by: "phone +79123456789", "e-mail a@b.ru", "by hand".</summary>
    public string Reason { get; set; } = "";
    public string? Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
}
