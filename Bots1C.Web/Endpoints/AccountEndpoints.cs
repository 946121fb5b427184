using Bots1C.Domain.Accounts;
using Bots1C.Web.Components.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Bots1C.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token so a link on another site cannot sign people out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost(AccountPaths.Logout, async Task<Results<RedirectHttpResult, BadRequest>> (SignInManager<AppUser> signIn,
            IAntiforgery antiforgery, HttpContext http) =>
        {
            // The antiforgery middleware checks only endpoints that bind a form; this one reads nothing, so it asks itself.
            if (!await antiforgery.IsRequestValidAsync(http))
                return TypedResults.BadRequest();
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect($"{http.Request.PathBase}{AccountPaths.Login}");
        });
}
