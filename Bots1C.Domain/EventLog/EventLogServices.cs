using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.EventLog;

public static class EventLogServices
{
    /// <summary>The event journal (and its throttled form for refusals that can come in floods), its query, CSV export
    /// and retention.</summary>
    public static IServiceCollection AddEventLog(this IServiceCollection services)
    {
        services.AddSingleton<EventJournal>();
        services.AddSingleton<ThrottledJournal>();
        services.AddSingleton<EventLogQuery>();
        services.AddOptions<EventLogOptions>().BindConfiguration(EventLogOptions.Section);
        services.AddSingleton<EventLogExport>();
        services.AddSingleton<EventLogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLogRetention>());
        return services;
    }
}
