namespace Bots1C.Domain.Accounts;

public record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

public record NewUser(string Email, string DisplayName, string Password, IReadOnlyCollection<string> Roles);
