using Bots1C.Domain.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Scenarios;

public static class ScenarioServices
{
    /// <summary>Scenarios: the catalog and its cache, the checker, the runner and what runs it, the guarded HTTP client
    /// of their HTTP steps, exchange files and templates. Methods of other folders (counterparties, print forms) are
    /// registered by those folders, after these two: the editor lists methods in registration order.</summary>
    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        services.AddSingleton<Methods.IScenarioMethod, Methods.SetContactField>();
        services.AddSingleton<Methods.IScenarioMethod, Methods.SetConversationTag>();
        services.AddSingleton<Methods.ScenarioMethods>();
        services.AddSingleton<ScenarioChecker>();
        services.AddSingleton<ScenarioCache>();
        services.AddSingleton<ScenarioCatalog>();
        services.AddOptions<ScenarioOptions>().BindConfiguration(ScenarioOptions.Section)
            .WithAllowedHostsAsOneValue(ScenarioOptions.HttpAllowedHostsKey, o => o.HttpAllowedHosts);
        services.AddSingleton<Runner.ScenarioRunner>();
        services.AddSingleton<ScenarioCallExecutor>();
        // A step's URL is typed by people: only public addresses and the ones listed in HttpAllowedHosts (docs/security.md).
        services.AddHttpClient(ScenarioCallExecutor.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(65))
            .ThroughOutboundGuard(sp => OutboundAllowList.Parse(ScenarioOptions.HttpAllowedHostsKey,
                sp.GetRequiredService<IOptions<ScenarioOptions>>().Value.HttpAllowedHosts),
                followRedirects: true, useProxy: false);
        services.AddSingleton<ScenarioResponder>();
        services.AddTransient<ScenarioTestChat>();
        services.AddSingleton(_ => new Exchange.ScenarioFormatMigrations());
        services.AddSingleton<Exchange.ScenarioExport>();
        services.AddSingleton<Exchange.ScenarioImport>();
        services.AddSingleton<Templates.ScenarioTemplates>();
        services.AddSingleton<Templates.StarterScenarios>();
        services.AddSingleton<BotScenarioSettings>();
        return services;
    }
}
