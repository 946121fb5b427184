using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Outbound;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain;

public static class DomainServices
{
    /// <summary>Registers the engine room: storage, accounts, the event journal.</summary>
    public static IServiceCollection AddBots1CDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataFolder = DataFolder.Resolve(configuration[DataFolder.ConfigKey], contentRoot);
        services.AddSingleton(dataFolder);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // The factory serves singletons and background work; Identity gets the scoped context it registers too.
        services.AddDbContextFactory<Bots1CDbContext>(o => DatabaseProvider.Configure(o, databaseOptions, dataFolder));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseMigrator>();

        // Every outgoing call (messengers, 1C, scenarios, license server) logs one line without the secrets its URL may hold.
        services.AddSingleton<Logging.RedactedHttpClientLogger>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<Logging.RedactedHttpClientLogger>());

        services.AddSingleton<EventJournal>();
        services.AddSingleton<ThrottledJournal>();
        services.AddSingleton<EventLogQuery>();

        services.AddValidatorsFromAssembly(typeof(DomainServices).Assembly, ServiceLifetime.Singleton);
        services.AddScoped<RoleSeeder>();
        services.AddScoped<FirstAdministratorSetup>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<UserPreferences>();

        services.AddOptions<Licensing.LicensingOptions>().BindConfiguration(Licensing.LicensingOptions.Section);
        services.AddSingleton<Licensing.LicenseStore>();
        services.AddSingleton<Licensing.LicenseGuard>();
        services.AddSingleton<Licensing.LicenseUsage>();
        services.AddSingleton<Licensing.Server.LicenseIssuer>();
        services.AddHttpClient(Licensing.LicenseServerClient.HttpClientName);
        services.AddSingleton<Licensing.LicenseServerClient>();
        services.AddSingleton<TokenProtector>();
        services.AddSingleton<BotCache>();
        services.AddSingleton<BotCatalog>();
        services.AddSingleton<BotConnection>();
        services.AddSingleton<ApiKeys.ApiKeyStore>();
        services.AddChannelAdapters();
        services.AddOptions<MessengerOptions>().BindConfiguration(MessengerOptions.Section)
            .WithAllowedHostsAsOneValue(MessengerOptions.ApiAllowedHostsKey, o => o.ApiAllowedHosts);
        services.AddSingleton<Channels.WebChat.WebChatVisitors>();

        services.AddSingleton<Scenarios.Methods.IScenarioMethod, Scenarios.Methods.SetContactField>();
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, Scenarios.Methods.SetConversationTag>();
        services.AddCounterparties();
        services.AddSingleton<Scenarios.Methods.ScenarioMethods>();
        services.AddSingleton<Scenarios.ScenarioChecker>();
        services.AddSingleton<Scenarios.ScenarioCache>();
        services.AddSingleton<Scenarios.ScenarioCatalog>();
        services.AddOptions<Scenarios.ScenarioOptions>().BindConfiguration(Scenarios.ScenarioOptions.Section)
            .WithAllowedHostsAsOneValue(Scenarios.ScenarioOptions.HttpAllowedHostsKey, o => o.HttpAllowedHosts);
        services.AddSingleton<Scenarios.Runner.ScenarioRunner>();
        services.AddSingleton<Scenarios.ScenarioCallExecutor>();
        // A step's URL is typed by people: only public addresses and the ones listed in HttpAllowedHosts (docs/security.md).
        services.AddHttpClient(Scenarios.ScenarioCallExecutor.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(65))
            .ThroughOutboundGuard(sp => Outbound.OutboundAllowList.Parse(Scenarios.ScenarioOptions.HttpAllowedHostsKey,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Scenarios.ScenarioOptions>>().Value.HttpAllowedHosts),
                followRedirects: true, useProxy: false);
        services.AddSingleton<Scenarios.ScenarioResponder>();
        services.AddSingleton<Turns.ScenarioCallSignal>();
        services.AddHostedService<Turns.ScenarioCallWorker>();
        services.AddTransient<Scenarios.ScenarioTestChat>();
        services.AddSingleton(_ => new Scenarios.Exchange.ScenarioFormatMigrations());
        services.AddSingleton<Scenarios.Exchange.ScenarioExport>();
        services.AddSingleton<Scenarios.Exchange.ScenarioImport>();
        services.AddSingleton<Scenarios.Templates.ScenarioTemplates>();
        services.AddSingleton<Scenarios.BotScenarioSettings>();
        services.AddSingleton<FirstRun.DemoSetup>();

        services.AddSingleton<InboxSignal>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<Turns.ConversationRecorder>();
        services.AddSingleton<Turns.ConversationTurn>();
        services.AddSingleton<Turns.ChatWaitsForScenarioCall>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<Files.FileLinks>();
        services.AddSingleton<Files.FileStore>();
        services.AddSingleton<SendPacer>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddSingleton<AppInstance>();
        services.AddSingleton<GoneInstanceRelease>();
        services.AddHostedService(sp => sp.GetRequiredService<GoneInstanceRelease>());
        services.AddHostedService<Turns.ConversationProcessor>();
        services.AddHostedService<OutboxDispatcher>();

        services.AddOptions<Operators.OperatorOptions>().BindConfiguration(Operators.OperatorOptions.Section);
        services.AddSingleton<Operators.OperatorPresence>();
        services.AddSingleton<Operators.HandOverRouter>();
        services.AddSingleton<Operators.ConversationList>();
        services.AddSingleton<Operators.ConversationControl>();
        services.AddSingleton<Operators.QuickReplies>();
        services.AddSingleton<Operators.MessengerFileLimits>();
        services.AddSingleton<Operators.IdleConversationReturn>();
        services.AddHostedService(sp => sp.GetRequiredService<Operators.IdleConversationReturn>());

        PrintForms.PrintFormServices.AddPrintForms(services);
        services.AddDiagnostics();
        return services;
    }

    private static void AddDiagnostics(this IServiceCollection services)
    {
        services.AddOptions<EventLogOptions>().BindConfiguration(EventLogOptions.Section);
        services.AddSingleton<EventLogExport>();
        services.AddSingleton<EventLogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLogRetention>());

        services.AddOptions<Diagnostics.DiagnosticsOptions>().BindConfiguration(Diagnostics.DiagnosticsOptions.Section);
        services.AddSingleton(new Diagnostics.CertificateTrust());
        services.AddSingleton<Diagnostics.CertificateJudge>();
        services.AddSingleton<Diagnostics.TlsInspector>();
        services.AddSingleton<Diagnostics.LocalAppAddress>();
        // A local check must see a sign-in redirect as it is, not follow it to the sign-in page.
        services.AddHttpClient(Diagnostics.PublicationCheck.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<Diagnostics.InstallationCheck>();
        services.AddSingleton<Diagnostics.LicenseCheck>();
        services.AddSingleton<Diagnostics.PublicationCheck>();
        services.AddSingleton<Diagnostics.ReachabilityCheck>();
        services.AddSingleton<Diagnostics.CertificateCheck>();
        services.AddSingleton<Diagnostics.MessengerViewCheck>();
        services.AddSingleton<Diagnostics.BotWebhookStatuses>();
        services.AddSingleton<Diagnostics.DiagnosticsRunner>();
        services.AddSingleton<Diagnostics.BotHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<Diagnostics.BotHealthMonitor>());

        services.AddSingleton<Dashboard.DashboardSignal>();
        services.AddSingleton<Dashboard.DashboardQueries>();
        services.AddSingleton<Dashboard.DashboardCharts>();
        services.AddSingleton<Dashboard.SystemSummary>();
    }
}
