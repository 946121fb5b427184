using Microsoft.AspNetCore.Diagnostics;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>
/// Bad input must never look like a server fault: an unreadable body (malformed JSON, an unknown enum name)
/// is a 400 that says what could not be read. Other failures of API calls become a 500 problem document
/// instead of an HTML page.
/// </summary>
public class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is BadHttpRequestException bad)
        {
            http.Response.StatusCode = bad.StatusCode;
            await http.Response.WriteAsJsonAsync(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                title = "The request could not be read.",
                status = bad.StatusCode,
                detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message,
            }, options: null, contentType: "application/problem+json", ct);
            return true;
        }
        if (!http.Request.Path.StartsWithSegments("/api"))
            return false;
        logger.LogError(exception, "API call {Method} {Path} failed", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await http.Response.WriteAsJsonAsync(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            title = "The server failed to complete the request.",
            status = 500,
            detail = "The details are in the server log and the event log.",
        }, options: null, contentType: "application/problem+json", ct);
        return true;
    }
}
