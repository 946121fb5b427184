using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bots1C.Web.Composition;

/// <summary>
/// Behind nginx, Apache or IIS the caller's address and https arrive in X-Forwarded-For / X-Forwarded-Proto. They are
/// believed only from the proxies named in <c>Bots1C:ReverseProxy:KnownProxies</c> (addresses) or
/// <c>KnownNetworks</c> (CIDR); with neither, from nobody — not even loopback, or anyone reaching the app from this
/// machine could claim a new address per request and slip past the per-address limits.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "Bots1C:ReverseProxy";

    /// <summary>The forwarded-headers options for the configured proxies; null when none is configured.</summary>
    public static ForwardedHeadersOptions? ForwardedHeaders(IConfiguration configuration)
    {
        var proxies = Values(configuration.GetSection($"{Section}:KnownProxies"));
        var networks = Values(configuration.GetSection($"{Section}:KnownNetworks"));
        if (proxies.Count == 0 && networks.Count == 0)
            return null; // empty lists would make the middleware trust every caller
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: \"{proxy}\" is not an IP address."));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/8."));
        return options;
    }

    /// <summary>A list (…:KnownProxies:0, …:1) or one value with several items (KnownProxies=127.0.0.1,::1).</summary>
    private static List<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
}
