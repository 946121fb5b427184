using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Outbound;

public static class OutboundRegistration
{
    /// <summary>
    /// Gives a named client a handler that connects through <see cref="OutboundGuard"/>. Redirects, when followed,
    /// open their connections through the same guard, so a public server cannot send the request inward.
    /// </summary>
    /// <param name="useProxy">A proxy connects on our behalf, so the guard then sees only the proxy's address:
    /// off where the target's own address is what must be checked.</param>
    public static IHttpClientBuilder ThroughOutboundGuard(this IHttpClientBuilder builder, Func<IServiceProvider, OutboundAllowList> allowList,
        bool followRedirects, bool useProxy) =>
        builder.ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
        {
            ConnectCallback = new OutboundGuard(allowList(services)).ConnectAsync,
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            UseProxy = useProxy,
        });
}

public static class AllowedHostsBinding
{
    /// <summary>Binding fills the list from <c>Key:0</c>, <c>Key:1</c>… (a JSON array); a single value at the key itself
    /// (one environment variable, <c>Bots1C__Scenarios__HttpAllowedHosts=10.0.0.0/8,1c.lan</c>) would be dropped
    /// without a word, so it is added here and split like any entry.</summary>
    public static OptionsBuilder<T> WithAllowedHostsAsOneValue<T>(this OptionsBuilder<T> builder, string key, Func<T, List<string>> list)
        where T : class =>
        builder.Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration[key] is { Length: > 0 } value)
                list(options).Add(value);
        });
}
