namespace Bots1C.Domain.Accounts;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Manager = "Manager";
    public const string Operator = "Operator";

    public static readonly IReadOnlyList<string> All = [Administrator, Manager, Operator];
}
