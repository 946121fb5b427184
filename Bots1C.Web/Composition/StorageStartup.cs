using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Composition;

public static class StorageStartup
{
    /// <summary>Migrates the database, makes the roles and, for unattended installs, the first administrator.
    /// Returns false (after one line on stderr) when the database cannot be used: no stack-trace wall.</summary>
    public static async Task<bool> PrepareStorageAsync(this WebApplication app)
    {
        var keyRing = app.Services.GetRequiredService<KeyRing>();
        if (keyRing.Problem is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return false;
        }
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
        catch (DatabaseStartupException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync())
            if (await keyRing.MoveFolderKeysIntoDatabaseAsync(db, app.Services.GetRequiredService<DataFolder>()) is > 0 and var moved)
                app.Logger.LogInformation("Copied {Count} Data Protection key(s) from keys/ into the database, encrypted with the certificate (docs/scaling.md)", moved);
        await scope.ServiceProvider.GetRequiredService<RoleSeeder>().EnsureRolesAsync();
        await CreateBootstrapAdministratorAsync(scope.ServiceProvider);
        await CreateBootstrapApiKeyAsync(scope.ServiceProvider);
        await InstallBootstrapLicenseAsync(scope.ServiceProvider);
        return true;
    }

    private static async Task CreateBootstrapAdministratorAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword))
            return;
        var setup = services.GetRequiredService<FirstAdministratorSetup>();
        if (!await setup.IsNeededAsync())
            return;
        var (result, _) = await setup.CreateAsync(options.AdminEmail, options.AdminName, options.AdminPassword, Resources.Actors.BootstrapSettings);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Bots1C.Bootstrap");
        if (result.Succeeded)
            logger.LogInformation("Created the first administrator {Email} from the bootstrap settings", options.AdminEmail);
        else
            logger.LogError("Could not create the first administrator {Email} from the bootstrap settings: {Errors}",
                options.AdminEmail, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static async Task CreateBootstrapApiKeyAsync(IServiceProvider services)
    {
        var key = services.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
            return;
        var store = services.GetRequiredService<Bots1C.Domain.ApiKeys.ApiKeyStore>();
        if (!await store.ExistsAsync(key))
            await store.CreateAsync("Bootstrap", Resources.Actors.BootstrapSettings, key);
    }

    /// <summary>The installation id is made at first start; an unattended install may bring its license key.</summary>
    private static async Task InstallBootstrapLicenseAsync(IServiceProvider services)
    {
        var licenses = services.GetRequiredService<Bots1C.Domain.Licensing.LicenseStore>();
        await licenses.EnsureInstallationAsync();
        var key = services.GetRequiredService<IOptions<BootstrapOptions>>().Value.LicenseKey?.Trim();
        if (string.IsNullOrEmpty(key) || await licenses.CurrentKeyAsync() == key)
            return;
        var result = await licenses.InstallAsync(key, Resources.Actors.BootstrapSettings);
        if (result.Check != Bots1C.Domain.Licensing.KeyCheck.Valid)
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Bots1C.Bootstrap")
                .LogError("The license key from the bootstrap settings was not installed: {Reason}", Bots1C.Domain.Licensing.LicenseRefusal.InvalidKey(result.Check).English);
    }

    /// <summary>The run command's last words lead a newcomer on: where the app is, and that the first administrator
    /// is made there (then the welcome tour follows).</summary>
    public static async Task AnnounceAddressesOnStartAsync(this WebApplication app)
    {
        bool needsAdministrator;
        await using (var scope = app.Services.CreateAsyncScope())
            needsAdministrator = await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>().IsNeededAsync();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Console.WriteLine($"Bots1C is running at {address}{app.Configuration["PathBase"]}");
            if (needsAdministrator && addresses.FirstOrDefault() is { } first)
                Console.WriteLine($"Open {first}{app.Configuration["PathBase"]} to create the first administrator; a welcome tour follows.");
        });
    }
}
