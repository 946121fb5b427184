using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Composition;

/// <summary>What the reverse-proxy check writes to the event log (see <see cref="EventDetail"/>).</summary>
public static class ProxyEvents
{
    public static EventDetail ProxyNotTrusted(string from) =>
        new(UntrustedProxyNotice.Code,
            $"Requests arrive with X-Forwarded-For from {from}, which is not a trusted reverse proxy: every visitor "
            + $"behind it counts as {from} for the sign-in and web-chat limits, and https is not seen. If {from} is your "
            + $"nginx, Apache or IIS, add it to {ReverseProxy.Section}:KnownProxies (docs/channels.md).",
            ("from", from), ("setting", $"{ReverseProxy.Section}:KnownProxies"));
}
