using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.Counterparties;

public static class CounterpartyServices
{
    /// <summary>The directory: counterparties and their types, contacts' links, import/export, the 1C sync and the
    /// scenario methods that read counterparties.</summary>
    public static IServiceCollection AddCounterparties(this IServiceCollection services)
    {
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, FindCounterpartyByPhone>();
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, FindCounterpartyByEmail>();
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, CounterpartyPhones>();
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, CounterpartyMainManager>();
        services.AddSingleton<CounterpartyCatalog>();
        services.AddSingleton<ContactLinker>();
        services.AddSingleton<CounterpartyHistory>();
        services.AddSingleton<CounterpartyTypeCatalog>();
        services.AddSingleton<ContactList>();
        services.AddSingleton<Import.CounterpartyImport>();
        services.AddHttpClient(Sync.ODataSync.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<Sync.ODataSync>();
        services.AddSingleton<Sync.ODataSources>();
        services.AddHostedService<Sync.ODataSyncScheduler>();
        return services;
    }
}
