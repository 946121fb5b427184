using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Composition;

/// <summary>
/// With no reverse proxy configured, forwarded headers are believed from nobody (<see cref="ReverseProxy"/>). An
/// installation behind nginx, Apache or IIS that has not named its proxy then sees every visitor as the proxy's
/// address, and the per-address limits (sign-in, web chat) are shared by everyone. The first request that shows it
/// (X-Forwarded-For from a caller that is not trusted) says so once, in the log and the event log, with the fix.
/// </summary>
public sealed class UntrustedProxyNotice(RequestDelegate next, EventJournal journal, ILogger<UntrustedProxyNotice> logger)
{
    public const string Code = "ProxyNotTrusted";
    private int _told;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey("X-Forwarded-For") && Interlocked.Exchange(ref _told, 1) == 0)
        {
            var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var detail = ProxyEvents.ProxyNotTrusted(from);
            logger.LogWarning("{Message}", detail.English);
            await journal.WriteAsync(EventLevel.Warning, EventSources.Security, detail, from);
        }
        await next(http);
    }
}
