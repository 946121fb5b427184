using System.Security.Claims;
using Bots1C.Domain.Accounts;

namespace Bots1C.Domain.Bots;

/// <summary>
/// Who may do what with a bot. As in the original's guide, the installation (token, address, state) is the administrator's,
/// while the business logic — which scenarios the bot runs — may be set up by ordinary users: managers see the bot card
/// and change its scenarios. The services check it themselves, so a crafted request from a manager's page changes nothing.
/// </summary>
public static class BotAccess
{
    /// <summary>The roles that open the bot list and card.</summary>
    public const string CardReaders = Roles.Administrator + "," + Roles.Manager;

    /// <summary>Token, address, messenger, state and the rest of the bot's settings; checking and registering the webhook.</summary>
    public static bool MayChangeSettings(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator);

    /// <summary>The bot's main menu, not-matched and listened scenarios.</summary>
    public static bool MayChangeScenarios(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Manager);

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
