namespace Bots1C.Domain.Counterparties.Sync;

/// <summary>
/// A 1C:Enterprise infobase publishing a catalog over its standard OData interface, feeding one counterparty type. Field names
/// are 1C's own (Cyrillic): the defaults fit the usual "Контрагенты" catalog of 1C's trade and accounting configurations.
/// </summary>
public class ODataSource
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The infobase's publication, e.g. <c>http://1c.local/trade</c>; the OData path is appended.</summary>
    public string BaseUrl { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>Encrypted with Data Protection, like the bots' tokens.</summary>
    public string ProtectedPassword { get; set; } = "";
    public string Catalog { get; set; } = "Catalog_Контрагенты";
    public string CounterpartyType { get; set; } = CounterpartyTypes.Counterparty;
    public string NameField { get; set; } = "Description";
    public string InnField { get; set; } = "ИНН";
    public string KppField { get; set; } = "КПП";
    /// <summary>The reference to the responsible 1C user (expanded with <c>$expand</c>); its name is matched to an app
    /// user's display name or e-mail to set the main manager. Empty: the main manager is not taken from 1C.</summary>
    public string ManagerField { get; set; } = "ОсновнойМенеджер";
    /// <summary>The table part holding phones and e-mails, and its columns.</summary>
    public string ContactInfoTable { get; set; } = "КонтактнаяИнформация";
    public string ContactInfoTypeField { get; set; } = "Тип";
    public string ContactInfoValueField { get; set; } = "Представление";
    /// <summary>0: only when someone presses "sync now".</summary>
    public int IntervalMinutes { get; set; } = 60;
    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset? LastSyncAt { get; set; }
    public bool? LastSyncOk { get; set; }
    /// <summary>"12 created, 3 updated, 1 archived", or why it failed.</summary>
    public string? LastSyncResult { get; set; }
    /// <summary>What went wrong, for the page to say in the reader's language (<see cref="SyncOutcome.ErrorCode"/>).</summary>
    public string? LastSyncErrorCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
