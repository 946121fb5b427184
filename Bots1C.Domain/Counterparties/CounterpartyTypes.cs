namespace Bots1C.Domain.Counterparties;

/// <summary>The catalogs that own contacts: the original lets each installation choose; these four always exist.</summary>
public static class CounterpartyTypes
{
    /// <summary>The default type, which gives the record its name (the original's «Контрагенты»).</summary>
    public const string Counterparty = "Counterparty";
    public const string Partner = "Partner";
    public const string Employee = "Employee";
    public const string Lead = "Lead";

    public static readonly IReadOnlyList<string> BuiltIn = [Counterparty, Partner, Employee, Lead];

    public static bool IsBuiltIn(string key) => BuiltIn.Contains(key, StringComparer.Ordinal);
}
