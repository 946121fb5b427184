using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Dashboard;

public static class DashboardServices
{
    /// <summary>The dashboard's tiles, charts and system summary, and the signal that refreshes open dashboards.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSignal>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<DashboardCharts>();
        services.AddSingleton<SystemSummary>();
        return services;
    }
}
