namespace Bots1C.Domain.Owners;

/// <summary>
/// The business record contacts belong to: a counterparty by default (the directory issue adds partners, employees
/// and custom types, INN/KPP, phones and e-mails). The messenger needs its main manager, to route handed-over dialogs.
/// </summary>
public class Owner
{
    public const string Counterparty = "Counterparty";

    public long Id { get; set; }
    public string OwnerType { get; set; } = Counterparty;
    public string Name { get; set; } = "";
    /// <summary>The user who looks after this owner; dialogs of its contacts go to them when they are online.</summary>
    public string? MainManagerUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
