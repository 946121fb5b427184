using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios;

/// <summary>
/// Every change the scenario pages make goes through here, so the role rule holds on the server whatever the
/// browser sends: managers and administrators edit, operators only look. The pages hide the controls too.
/// </summary>
public sealed class ScenarioEditing(ScenarioCatalog catalog)
{
    /// <summary>Who may open the scenario pages (for <c>[Authorize(Roles = …)]</c>).</summary>
    public const string ViewerRoles = Roles.Administrator + "," + Roles.Manager + "," + Roles.Operator;
    public static readonly IReadOnlyList<string> EditorRoles = [Roles.Administrator, Roles.Manager];

    public static bool CanEdit(ClaimsPrincipal user) => EditorRoles.Any(user.IsInRole);

    public Task<ScenarioSaveResult> CreateAsync(ClaimsPrincipal user, string name) =>
        catalog.CreateAsync(ScenarioDefinition.New(name), ActorOf(user));

    public Task<ScenarioSaveResult> SaveAsync(ClaimsPrincipal user, long id, ScenarioDefinition definition) =>
        catalog.SaveAsync(id, definition, ActorOf(user));

    public Task<ScenarioSaveResult> DuplicateAsync(ClaimsPrincipal user, long id) =>
        catalog.DuplicateAsync(id, ActorOf(user));

    public Task<bool> SetEnabledAsync(ClaimsPrincipal user, long id, bool enabled) =>
        catalog.SetEnabledAsync(id, enabled, ActorOf(user));

    public Task<bool> DeleteAsync(ClaimsPrincipal user, long id) =>
        catalog.DeleteAsync(id, ActorOf(user));

    /// <summary>The name written to the event log; refuses anyone who may not edit.</summary>
    public static string ActorOf(ClaimsPrincipal user) =>
        CanEdit(user)
            ? user.Identity?.Name ?? ""
            : throw new UnauthorizedAccessException("Only administrators and managers change scenarios.");
}
