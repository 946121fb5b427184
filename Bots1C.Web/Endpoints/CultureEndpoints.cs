using Bots1C.Web.Composition;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Bots1C.Web.Endpoints;

public static class CultureEndpoints
{
    public const string SetPath = "/culture/set";

    /// <summary>The language switch: remembers the choice in a cookie for a year and goes back where the user was.</summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(SetPath, SetCulture).AllowAnonymous();

    private static Results<RedirectHttpResult, BadRequest<string>> SetCulture(string? culture, string? returnUrl, HttpContext http)
    {
        if (!Cultures.IsSupported(culture))
            return TypedResults.BadRequest($"Unsupported language '{culture}'. Use one of: {string.Join(", ", Cultures.Supported)}.");

        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, Cultures.CookieValue(culture!),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(LocalTarget(http.Request.PathBase, returnUrl));
    }

    /// <summary>Only paths inside this app: an open redirect would let a link send users anywhere.
    /// Stripping leading slashes and backslashes turns "//host" and "/\host" into harmless local paths.</summary>
    private static string LocalTarget(PathString pathBase, string? returnUrl) =>
        $"{pathBase}/{(returnUrl ?? "").TrimStart('/', '\\')}";
}
