namespace Bots1C.Domain.Owners;

/// <summary>The catalogs that own contacts: the original lets each installation choose; these four always exist.</summary>
public static class OwnerTypes
{
    public const string Partner = "Partner";
    public const string Employee = "Employee";
    public const string Lead = "Lead";

    public static readonly IReadOnlyList<string> BuiltIn = [Owner.Counterparty, Partner, Employee, Lead];

    public static bool IsBuiltIn(string key) => BuiltIn.Contains(key, StringComparer.Ordinal);
}
