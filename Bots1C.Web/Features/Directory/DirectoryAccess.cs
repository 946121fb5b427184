using System.Security.Claims;
using Bots1C.Domain.Accounts;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Features.Directory;

public static class DirectoryAccess
{
    /// <summary>Who may view the directory's pages (the attribute's role list).</summary>
    public const string Viewers = Roles.Administrator + "," + Roles.Manager + "," + Roles.Operator;

    /// <summary>Administrators and managers change records and links; operators only look.</summary>
    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Manager);

    /// <summary>A built-in type's translated name, or a custom type's own name.</summary>
    public static string TypeName(this IStringLocalizer localizer, string key, string? customName = null) =>
        customName ?? (localizer[$"Counterparty.Type.{key}"] is { ResourceNotFound: false } text ? text.Value : key);
}
