namespace Bots1C.Domain.PrintForms;

/// <summary>Our own company as it appears on every print form: one row (id 1), kept by administrators.</summary>
public class OrganisationDetails
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public string Name { get; set; } = "";
    public string? Inn { get; set; }
    public string? Kpp { get; set; }
    public string? Ogrn { get; set; }
    public string? Address { get; set; }
    public string? BankName { get; set; }
    public string? Bic { get; set; }
    public string? CorrespondentAccount { get; set; }
    public string? SettlementAccount { get; set; }
    public string? Director { get; set; }
    public string? ChiefAccountant { get; set; }
    /// <summary>Offered for new lines, in percent; null means "without VAT" (без НДС).</summary>
    public int? DefaultVatRate { get; set; } = 20;
    /// <summary>PNG or JPEG images printed on the forms when present.</summary>
    public byte[]? Logo { get; set; }
    public byte[]? Stamp { get; set; }
    public byte[]? Signature { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
