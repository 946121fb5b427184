using Bots1C.Domain.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        // The sync and the live lookup reach the same 1C: both through the outbound rule with one allow-list, neither
        // following redirects (the 1C password is in a header a redirect would carry along).
        services.AddOptions<Sync.ODataLookupOptions>().BindConfiguration(Sync.ODataLookupOptions.Section)
            .WithAllowedHostsAsOneValue(Sync.ODataLookupOptions.AllowedHostsKey, o => o.ODataAllowedHosts);
        services.AddHttpClient(Sync.ODataSync.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .ThroughOutboundGuard(sp => Outbound.OutboundAllowList.Parse(Sync.ODataLookupOptions.AllowedHostsKey,
                sp.GetRequiredService<IOptions<Sync.ODataLookupOptions>>().Value.ODataAllowedHosts), followRedirects: false, useProxy: false);
        services.AddSingleton<Sync.ODataSync>();
        services.AddSingleton<Sync.ODataSources>();
        // The live lookup runs on the message path: its own short-lived client.
        services.AddHttpClient(Sync.ODataLookup.HttpClientName, c => c.Timeout = Sync.ODataLookup.Budget)
            .ThroughOutboundGuard(sp => Outbound.OutboundAllowList.Parse(Sync.ODataLookupOptions.AllowedHostsKey,
                sp.GetRequiredService<IOptions<Sync.ODataLookupOptions>>().Value.ODataAllowedHosts), followRedirects: false, useProxy: false);
        services.AddSingleton<Sync.ODataLookup>();
        services.AddHostedService<Sync.ODataSyncScheduler>();
        return services;
    }
}
