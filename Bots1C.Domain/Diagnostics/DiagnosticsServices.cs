using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Diagnostics;

public static class DiagnosticsServices
{
    /// <summary>The six diagnostics steps, their runner, the certificate checks and the background health monitor.</summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services)
    {
        services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section);
        services.AddSingleton(new CertificateTrust());
        services.AddSingleton<CertificateJudge>();
        services.AddSingleton<TlsInspector>();
        services.AddSingleton<LocalAppAddress>();
        // A local check must see a sign-in redirect as it is, not follow it to the sign-in page.
        services.AddHttpClient(PublicationCheck.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<InstallationCheck>();
        services.AddSingleton<LicenseCheck>();
        services.AddSingleton<PublicationCheck>();
        services.AddSingleton<ReachabilityCheck>();
        services.AddSingleton<CertificateCheck>();
        services.AddSingleton<MessengerViewCheck>();
        services.AddSingleton<BotWebhookStatuses>();
        services.AddSingleton<BotSaveChecks>();
        services.AddSingleton<DiagnosticsRunner>();
        services.AddSingleton<BotHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<BotHealthMonitor>());
        return services;
    }
}
