namespace Bots1C.Web.Endpoints;

/// <summary>
/// A program calling a path, method or body type that no endpoint takes gets a JSON problem with the real status
/// (404, 405 with <c>Allow</c>, 415) — never the HTML sign-in page, which is where the fallback sign-in rule would
/// otherwise send a request that matched nothing. Pages for people keep that rule.
/// </summary>
public sealed class MachineRouteMisses(RequestDelegate next)
{
    /// <summary>Paths called by programs: the REST API and license server, messenger webhooks, the chat window's calls,
    /// the operators' hub, signed file links, the monitor's health check and the OpenAPI document.</summary>
    public static readonly PathString[] Prefixes = ["/api", "/webhooks", "/webchat", "/hubs", "/files", "/health", "/openapi"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (!Prefixes.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            await next(http);
            return;
        }
        switch (http.GetEndpoint())
        {
            case null:
                await Problem(StatusCodes.Status404NotFound, "No endpoint at this address.").ExecuteAsync(http);
                break;
            // Routing's own answers for a known path with the wrong method (405) or body type (415): the only endpoints
            // without metadata. Let it set the status and the Allow header, then say it in a problem document.
            case { Metadata.Count: 0 } rejection:
                await rejection.RequestDelegate!(http);
                await Problem(http.Response.StatusCode, http.Response.StatusCode switch
                {
                    StatusCodes.Status405MethodNotAllowed => "This address does not take this method.",
                    StatusCodes.Status415UnsupportedMediaType => "This address does not read a body of this type.",
                    _ => "The request cannot be served at this address.",
                }).ExecuteAsync(http);
                break;
            default:
                await next(http);
                break;
        }
    }

    private static IResult Problem(int status, string title) => TypedResults.Problem(statusCode: status, title: title);
}
