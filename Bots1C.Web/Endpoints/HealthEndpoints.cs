namespace Bots1C.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary><c>/health</c>: 200 "Healthy" when the database answers and updates are being stored, 200 "Degraded" while
    /// the inbox cannot commit (<see cref="InboxHealthCheck"/>), 503 "Unhealthy" when the database cannot be opened.
    /// Open to monitors without sign-in.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health").AllowAnonymous().WithoutStatusPages();
}
