using System.Net;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Infrastructure;

/// <summary>The real app (real SQLite file in its own folder, or a fresh PostgreSQL database of its own; real Identity,
/// real pipeline), in-memory by default or on real Kestrel for browser tests.</summary>
public class Bots1CAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder? _ownFolder;
    private readonly Dictionary<string, string?> _settings = new();
    private TestPostgres.TestDatabase? _ownDatabase;

    public Bots1CAppFactory(string? dataPath = null)
    {
        if (dataPath is null)
            _ownFolder = new TempFolder();
        DataPath = dataPath ?? _ownFolder!.Path;
    }

    /// <summary>The app on the given engine: SQLite as by default, or PostgreSQL in a database made for it.</summary>
    public static Bots1CAppFactory On(DatabaseKind database) =>
        database == DatabaseKind.Postgres ? new Bots1CAppFactory().OnPostgres() : new Bots1CAppFactory();

    public string DataPath { get; }

    public DatabaseKind Database { get; private set; } = DatabaseKind.Sqlite;

    /// <summary>Store data in PostgreSQL (BOTS1C_TEST_POSTGRES; the test is skipped without it): in
    /// <paramref name="database"/> when given (an app started again on the same data), else in a fresh database this
    /// app drops when it is disposed.</summary>
    public Bots1CAppFactory OnPostgres(TestPostgres.TestDatabase? database = null)
    {
        if (database is null)
            database = _ownDatabase = TestPostgres.CreateDatabase();
        Database = DatabaseKind.Postgres;
        _settings[$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseKind.Postgres);
        _settings[$"{DatabaseOptions.Section}:ConnectionString"] = database.ConnectionString;
        return this;
    }

    /// <summary>The tests' stand-in for the vendor: its public key is trusted by every app the tests start.</summary>
    public static readonly System.Security.Cryptography.ECDsa TestVendorKey = Bots1C.Domain.Licensing.LicenseKeys.NewKey();
    public const string TestVendorKeyId = "tests";

    /// <summary>What most tests run under: a working license not bound to a host and without limits, as a vendor
    /// may issue for a partner. Licensing's own tests start without it (<see cref="WithoutLicense"/>).</summary>
    public static readonly string UnlimitedLicenseKey = Bots1C.Domain.Licensing.LicenseKeys.Sign(
        new Bots1C.Domain.Licensing.LicenseDocument("tests-unlimited", Bots1C.Domain.Licensing.LicenseType.Working, "7707083893", "tests", null, null,
            DateTimeOffset.UtcNow.AddDays(-1), null, null, null, null) { KeyId = TestVendorKeyId }, TestVendorKey);

    private bool _licensed = true;

    /// <summary>Start with no license installed, as a fresh installation does.</summary>
    public Bots1CAppFactory WithoutLicense()
    {
        _licensed = false;
        return this;
    }

    public const string ScenarioHostsKey = "Bots1C:Scenarios:HttpAllowedHosts";
    public const string MessengerHostsKey = "Bots1C:Messengers:ApiAllowedHosts";

    /// <summary>Every fake the tests talk to (Telegram, Viber, "1C") listens on loopback, which the app refuses by
    /// default (docs/security.md); so tests start with loopback allowed, and the SSRF tests choose their own list.</summary>
    public static readonly string[] Loopback = ["127.0.0.0/8", "::1", "localhost"];

    private string[] _scenarioHosts = Loopback;
    private string[] _messengerHosts = Loopback;
    public const string ODataHostsKey = "Bots1C:Directory:ODataAllowedHosts";
    private string[] _odataHosts = Loopback;

    /// <summary>Bots1C:Directory:ODataAllowedHosts exactly as given (nothing: the live 1C lookup reaches only public addresses).</summary>
    public Bots1CAppFactory AllowingODataHosts(params string[] hosts)
    {
        _odataHosts = hosts;
        return this;
    }

    /// <summary>Bots1C:Scenarios:HttpAllowedHosts exactly as given (nothing: only public addresses).</summary>
    public Bots1CAppFactory AllowingScenarioHosts(params string[] hosts)
    {
        _scenarioHosts = hosts;
        return this;
    }

    /// <summary>Bots1C:Messengers:ApiAllowedHosts exactly as given (nothing: only the messengers' official hosts).</summary>
    public Bots1CAppFactory AllowingMessengerHosts(params string[] hosts)
    {
        _messengerHosts = hosts;
        return this;
    }

    public Bots1CAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Serve on a real loopback port (for Chromium) and return the base address; a given <paramref name="port"/>
    /// lets a second instance take over the first one's address (a restart).</summary>
    public string StartOnKestrel(int port = 0)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return addresses.Addresses.First().TrimEnd('/');
    }

    /// <summary>Set to drive time by hand (retry_after, backoff) instead of sleeping.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; private set; }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Changes to the app's services for one test (e.g. a shorter messenger timeout).</summary>
    public Bots1CAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public Bots1CAppFactory WithFakeClock()
    {
        Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Clock is { } clock)
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
        foreach (var configure in _services)
            builder.ConfigureServices(configure);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ClientAddresses.FromHeader>());
        builder.UseEnvironment("Testing");
        // Outside Development the app expects published files; tests run from the build output like `dotnet run` does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Bots1C:DataPath", DataPath);
        builder.UseSetting($"Bots1C:Licensing:VendorKeys:{TestVendorKeyId}", Bots1C.Domain.Licensing.LicenseKeys.PublicPem(TestVendorKey));
        if (_licensed)
            builder.UseSetting("Bots1C:Bootstrap:LicenseKey", UnlimitedLicenseKey);
        // Jobs that change data on their own schedule (checking bots against the messengers, removing old event log
        // entries) stay off, so a test sees only what it did; their own tests switch them on or call them directly.
        builder.UseSetting("Bots1C:Diagnostics:CheckIntervalMinutes", "0");
        builder.UseSetting("Bots1C:EventLog:RetentionDays", "0");
        for (var i = 0; i < _scenarioHosts.Length; i++)
            builder.UseSetting($"{ScenarioHostsKey}:{i}", _scenarioHosts[i]);
        for (var i = 0; i < _messengerHosts.Length; i++)
            builder.UseSetting($"{MessengerHostsKey}:{i}", _messengerHosts[i]);
        for (var i = 0; i < _odataHosts.Length; i++)
            builder.UseSetting($"{ODataHostsKey}:{i}", _odataHosts[i]);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    private int _clients;

    /// <summary>Each in-memory client comes from its own loopback address (see <see cref="ClientAddresses"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        var n = Interlocked.Increment(ref _clients);
        client.From($"127.1.{n / 250 % 250}.{n % 250 + 1}");
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<AppUser> CreateUserAsync(string email, string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
            await users.AddToRolesAsync(user, roles);
        return user;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownFolder?.Dispose();
            _ownDatabase?.Dispose();
        }
    }
}
