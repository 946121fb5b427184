using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Where this app answers on this machine: the setting, else the first address Kestrel listens on (plain http
/// preferred, as a local request needs no certificate), with "any address" turned into the loopback.</summary>
public sealed class LocalAppAddress(IServiceProvider services, IOptions<DiagnosticsOptions> options)
{
    public Uri? Find()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.LocalUrl))
            return new Uri(options.Value.LocalUrl.TrimEnd('/') + "/");
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (chosen is null)
            return null;
        chosen = chosen.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]");
        return Uri.TryCreate(chosen.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
    }
}
