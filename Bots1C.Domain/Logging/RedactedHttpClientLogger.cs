using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Logging;

/// <summary>
/// The one log line of every outgoing HTTP call, in place of the framework's four. Telegram puts the bot token in the
/// path (<c>/bot&lt;token&gt;/sendMessage</c>), 1C and scenario URLs carry logins and phone numbers in their queries, so
/// only the method, the server and the path's last segment are written — never the rest of the path, the query, user
/// info or any header. JivoChat's token is the last segment itself: a request marked <see cref="Outbound.SecretPath"/>
/// is written with its server only.
/// </summary>
public sealed class RedactedHttpClientLogger(ILogger<RedactedHttpClientLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        logger.LogDebug("HTTP {Method} {Target} answered {Status} in {Elapsed} ms",
            request.Method, Describe(request), (int)response.StatusCode, (long)elapsed.TotalMilliseconds);

    // The caller decides what a failure means and reports it in its own words; here it is only traced.
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        logger.LogDebug("HTTP {Method} {Target} failed after {Elapsed} ms: {Error}",
            request.Method, Describe(request), (long)elapsed.TotalMilliseconds, exception.GetType().Name);

    private static string Describe(HttpRequestMessage request) =>
        Outbound.SecretPath.HasSecretPath(request) && request.RequestUri is { IsAbsoluteUri: true } uri
            ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/…"
            : Describe(request.RequestUri);

    /// <summary><c>https://api.telegram.org/…/sendMessage</c>: the server and the last path segment.</summary>
    public static string Describe(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
            return "(no address)";
        var server = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            0 => server + "/",
            1 => $"{server}/{segments[0]}",
            _ => $"{server}/…/{segments[^1]}",
        };
    }
}
