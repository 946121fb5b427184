using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Dashboard;
using Bots1C.Domain.Diagnostics;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Turns;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain;

public static class DomainServices
{
    /// <summary>Registers the engine room: storage and accounts here, every other concern by its own Add… next to its code.</summary>
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
        services.AddSingleton<Data.Backups.UpgradeBackups>();

        // Every outgoing call (messengers, 1C, scenarios, license server) logs one line without the secrets its URL may hold.
        services.AddSingleton<Logging.RedactedHttpClientLogger>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<Logging.RedactedHttpClientLogger>());

        services.AddEventLog();

        services.AddValidatorsFromAssembly(typeof(DomainServices).Assembly, ServiceLifetime.Singleton);
        services.AddScoped<RoleSeeder>();
        services.AddScoped<FirstAdministratorSetup>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<UserPreferences>();
        services.AddSingleton<ApiKeys.ApiKeyStore>();

        services.AddLicensing();
        services.AddBots();
        services.AddScenarios();
        services.AddCounterparties();
        services.AddSingleton<FirstRun.DemoSetup>();
        services.AddConversations();
        services.AddTurns();

        services.AddOptions<Operators.OperatorOptions>().BindConfiguration(Operators.OperatorOptions.Section);
        services.AddSingleton<Operators.IPresenceExchange, Operators.NoOtherInstances>(); // Redis replaces it (Bots1C.Web/Scaling)
        services.AddSingleton<Operators.OperatorPresence>();
        services.AddSingleton<Operators.HandOverRouter>();
        services.AddSingleton<Operators.ReopenRouter>();
        services.AddSingleton<Operators.ConversationList>();
        services.AddSingleton<Operators.ConversationControl>();
        services.AddSingleton<Operators.QuickReplies>();
        services.AddSingleton<Operators.MessengerFileLimits>();
        services.AddSingleton<Operators.IdleConversationReturn>();
        services.AddHostedService(sp => sp.GetRequiredService<Operators.IdleConversationReturn>());

        PrintForms.PrintFormServices.AddPrintForms(services);
        services.AddDiagnostics();
        services.AddDashboard();
        return services;
    }
}
