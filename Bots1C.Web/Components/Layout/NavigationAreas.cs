using Bots1C.Domain.Accounts;
using MudBlazor;

namespace Bots1C.Web.Components.Layout;

/// <summary>One entry per area of the app that exists. The drawer, the home page and the
/// authorization tests read this list, so an area added here appears (and is checked) everywhere.</summary>
public record NavigationArea(string Href, string TitleKey, string DescriptionKey, string Icon, params string[] Roles)
{
    public bool IsOpenTo(System.Security.Claims.ClaimsPrincipal user) =>
        Roles.Length == 0 || Roles.Any(user.IsInRole);
}

public static class NavigationAreas
{
    public static readonly IReadOnlyList<NavigationArea> All =
    [
        new("dashboard", "Nav.Dashboard", "Nav.Dashboard.Description", Icons.Material.Filled.MonitorHeart, Domain.Accounts.Roles.Administrator),
        new("messenger", "Nav.Messenger", "Nav.Messenger.Description", Icons.Material.Filled.Forum, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager, Domain.Accounts.Roles.Operator),
        new("bots", "Nav.Bots", "Nav.Bots.Description", Icons.Material.Filled.SmartToy, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager),
        new("scenarios", "Nav.Scenarios", "Nav.Scenarios.Description", Icons.Material.Filled.AccountTree, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager, Domain.Accounts.Roles.Operator),
        new("quick-replies", "Nav.QuickReplies", "Nav.QuickReplies.Description", Icons.Material.Filled.Bolt, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager),
        new("directory/owners", "Nav.Counterparties", "Nav.Counterparties.Description", Icons.Material.Filled.Business, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager, Domain.Accounts.Roles.Operator),
        new("directory/contacts", "Nav.Contacts", "Nav.Contacts.Description", Icons.Material.Filled.Contacts, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager, Domain.Accounts.Roles.Operator),
        new("print-forms", "Nav.PrintForms", "Nav.PrintForms.Description", Icons.Material.Filled.Print, Domain.Accounts.Roles.Administrator, Domain.Accounts.Roles.Manager),
        new("admin/users", "Nav.Users", "Nav.Users.Description", Icons.Material.Filled.People, Domain.Accounts.Roles.Administrator),
        new("admin/events", "Nav.EventLog", "Nav.EventLog.Description", Icons.Material.Filled.ListAlt, Domain.Accounts.Roles.Administrator),
        new("admin/api-keys", "Nav.ApiKeys", "Nav.ApiKeys.Description", Icons.Material.Filled.Key, Domain.Accounts.Roles.Administrator),
        new("admin/license", "Nav.License", "Nav.License.Description", Icons.Material.Filled.VerifiedUser, Domain.Accounts.Roles.Administrator),
    ];
}
