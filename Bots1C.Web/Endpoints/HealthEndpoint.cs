namespace Bots1C.Web.Endpoints;

public static class HealthEndpoint
{
    /// <summary><c>/health</c>: 200 "Healthy" when the database answers, 503 otherwise. Open to monitors without sign-in.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health").AllowAnonymous().WithoutStatusPages();
}
