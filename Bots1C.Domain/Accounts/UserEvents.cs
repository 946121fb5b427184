using Bots1C.Domain.EventLog;

namespace Bots1C.Domain.Accounts;

/// <summary>What the Users area writes to the event log (see <see cref="EventDetail"/>).</summary>
public static class UserEvents
{
    public static EventDetail FirstAdministratorCreated(bool viaSetupPage) =>
        new("FirstAdministratorCreated", viaSetupPage ? "SetupPage" : "Settings",
            $"First administrator created ({(viaSetupPage ? "setup page" : "bootstrap settings")}).");

    public static EventDetail UserCreated(IEnumerable<string> roles) =>
        new("UserCreated", $"User created with roles: {Describe(roles)}.", ("roles", roles.Order()));

    public static EventDetail RolesChanged(IEnumerable<string> before, IEnumerable<string> after) =>
        new("RolesChanged", $"Roles changed from {Describe(before)} to {Describe(after)}.", ("rolesBefore", before.Order()), ("roles", after.Order()));

    public static EventDetail UserLocked() => new("UserLocked", "User locked.");
    public static EventDetail UserUnlocked() => new("UserUnlocked", "User unlocked.");
    public static EventDetail PasswordReset() => new("PasswordReset", "Password reset by an administrator.");

    private static string Describe(IEnumerable<string> roles) =>
        roles.Any() ? string.Join(", ", roles.Order()) : "none";
}
