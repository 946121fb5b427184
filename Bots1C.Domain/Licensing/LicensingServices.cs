using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Licensing;

public static class LicensingServices
{
    /// <summary>The installation's license (held in memory), its enforcement points, usage, the license server's issuer
    /// and the client that asks a license server for one.</summary>
    public static IServiceCollection AddLicensing(this IServiceCollection services)
    {
        services.AddOptions<LicensingOptions>().BindConfiguration(LicensingOptions.Section);
        services.AddSingleton<LicenseStore>();
        services.AddSingleton<LicenseGuard>();
        services.AddSingleton<LicenseUsage>();
        services.AddSingleton<Server.LicenseIssuer>();
        services.AddHttpClient(LicenseServerClient.HttpClientName);
        services.AddSingleton<LicenseServerClient>();
        return services;
    }
}
