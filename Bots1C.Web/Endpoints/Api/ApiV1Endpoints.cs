using Scalar.AspNetCore;
using Bots1C.Web.Endpoints;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>The REST API for 1C and scripts: /api/v1, authenticated by X-Api-Key; its OpenAPI document and reference page.</summary>
public static class ApiV1Endpoints
{
    public static void MapApiV1Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            .DisableAntiforgery()
            .WithoutStatusPages()
            .MapBotsApi()
            .MapMessagesApi()
            .MapScenariosApi()
            .MapCounterpartiesApi()
            .MapPrintFormsApi()
            .MapDiagnosticsApi();

        app.MapOpenApi().AllowAnonymous();          // /openapi/v1.json
        app.MapScalarApiReference("/api/reference", o => o
            .WithTitle("Bots1C REST API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous()
            .WithSecurityHeadersPolicy(Bots1C.Web.Composition.SecurityHeaderPolicies.ApiReference);
    }
}
