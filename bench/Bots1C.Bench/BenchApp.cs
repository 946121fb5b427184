using System.Net;
using System.Text.RegularExpressions;
using System.Security.Cryptography;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Licensing;
using Bots1C.Web.Scaling;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Bench;

/// <summary>
/// The real app (real SQLite file in a temp folder or a PostgreSQL database, real Identity, real pipeline) on real
/// Kestrel at a loopback port (or two instances on two ports), with a bootstrap administrator; and, for benchmarks that
/// need a browser, Debian's Chromium driven by Playwright. Mirrors Bots1C.Tests/Infrastructure/Bots1CAppFactory.cs and ChromiumFixture.cs.
/// </summary>
public sealed partial class BenchApp : IAsyncDisposable
{
    public const string AdminEmail = "bench@example.ru";
    public const string AdminPassword = "Bench-Passw0rd-2026";
    public const string ChromiumPath = "/usr/bin/chromium";
    /// <summary>An API key made the unattended way (Bots1C:Bootstrap:ApiKey), for the REST API (bots are created through it).</summary>
    public const string ApiKey = "b1c_bench-key-for-the-rest-api";
    /// <summary>The app's sign-in cookie (Bots1C.Web/Composition).</summary>
    public const string AuthCookie = ".Bots1C.Auth";

    private readonly Factory[] _factories;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BenchApp(Factory[] factories, string[] baseUrls)
    {
        _factories = factories;
        BaseUrls = baseUrls;
    }

    /// <summary>The first instance's address (the only one unless started with two).</summary>
    public string BaseUrl => BaseUrls[0];
    /// <summary>Every instance's address, the first one first.</summary>
    public IReadOnlyList<string> BaseUrls { get; }
    public string DataPath => _factories[0].DataPath;
    /// <summary>The first instance's services (the database is the same for all).</summary>
    public IServiceProvider Services => _factories[0].Services;
    /// <summary>Every instance's services, e.g. to drop an in-memory cache on each after a change made behind its back.</summary>
    public IEnumerable<IServiceProvider> AllServices => _factories.Select(f => f.Services);

    /// <summary>The app on SQLite in its data folder, or on the PostgreSQL database <paramref name="postgres"/> names
    /// (a connection string; the data folder then holds only files). With <paramref name="instances"/> = 2, a second
    /// instance on its own loopback port, on the same database and data folder (keys), joined to the first through the
    /// Redis <paramref name="redis"/> names under a channel prefix of its own: two instances behind one address as
    /// docs/scaling.md describes, here in one process (each host with its own services, caches and workers).</summary>
    public static async Task<BenchApp> StartAsync(string? postgres = null, int instances = 1, string? redis = null)
    {
        if (instances is < 1 or > 2)
            throw new ArgumentOutOfRangeException(nameof(instances), "One or two instances.");
        if (instances > 1 && string.IsNullOrWhiteSpace(redis))
            throw new ArgumentException("Two instances need a Redis to join them.", nameof(redis));
        var dataPath = Directory.CreateTempSubdirectory("bots1c-bench-").FullName;
        var prefix = $"bots1c-bench-{Guid.NewGuid():N}";
        var factories = new List<Factory>();
        var urls = new List<string>();
        try
        {
            // One after the other: the first prepares the database (migrations, bootstrap), the next finds it ready.
            for (var i = 0; i < instances; i++)
            {
                var factory = new Factory(dataPath, postgres, instances > 1 ? redis : null, prefix);
                factories.Add(factory);
                factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
                factory.StartServer();
                var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                urls.Add(addresses.Addresses.First().TrimEnd('/'));
            }
            if (instances > 1)
                await WaitUntilInstancesHearEachOtherAsync(factories[0].Services, prefix, instances);
        }
        catch
        {
            foreach (var factory in Enumerable.Reverse(factories))
                await factory.DisposeAsync();
            throw;
        }
        return new BenchApp([.. factories], [.. urls]);
    }

    /// <summary>A change made on one instance (a bot created, a scenario set) reaches the others' caches through Redis:
    /// the load starts only once every instance listens there (bounded: 15 s).</summary>
    private static async Task WaitUntilInstancesHearEachOtherAsync(IServiceProvider services, string prefix, int instances)
    {
        var redis = services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        var channel = prefix + ":instances";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (redis.IsConnected)
            {
                var answer = (StackExchange.Redis.RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
                if ((long)answer[1] >= instances)
                    return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"The {instances} instances did not all listen on Redis within 15 s (connected: {redis.IsConnected}).");
    }

    /// <summary>A fresh browser context (own cookies) signed in as the bootstrap administrator.</summary>
    public async Task<IBrowserContext> SignedInContextAsync()
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#email", AdminEmail);
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("[data-testid=submit]");
        await WaitForCircuitAsync(page);
        await page.CloseAsync();
        return context;
    }

    /// <summary>A client of the REST API, the way 1C calls it (the key in X-Api-Key).</summary>
    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>A person with the given roles (as the users page would create them); returns the user id.</summary>
    public async Task<string> CreateUserAsync(string email, string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
            await users.AddToRolesAsync(user, roles);
        return user.Id;
    }

    /// <summary>Signs in through the login form as a browser without scripts would (its hidden antiforgery token and
    /// Blazor's form name posted back) and returns the cookies, the sign-in cookie among them.</summary>
    public async Task<CookieContainer> SignInAsync(string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        var page = await client.GetStringAsync("/account/login");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputTag().Matches(page))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name || Attribute(tag, "type") == "checkbox")
                continue;
            var value = Attribute(tag, "id") switch
            {
                "email" => email,
                "password" => password,
                _ => WebUtility.HtmlDecode(Attribute(tag, "value") ?? ""),
            };
            fields.Add(new(name, value));
        }
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        if (cookies.GetCookies(new Uri(BaseUrl)).All(c => c.Name != AuthCookie))
            throw new InvalidOperationException($"Signing in as {email} gave no {AuthCookie} cookie (answered {(int)response.StatusCode}).");
        return cookies;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $@"\s{name}=""([^""]*)""") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=circuit-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is not null)
            return _browser;
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser benchmarks need Chromium at {ChromiumPath}: sudo apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return _browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var factory in Enumerable.Reverse(_factories))
            await factory.DisposeAsync();
        // BOTS1C_BENCH_KEEP_DATA=1 keeps the data folder (e.g. to look at query plans in the seeded database with sqlite3).
        if (Environment.GetEnvironmentVariable("BOTS1C_BENCH_KEEP_DATA") == "1")
        {
            Console.Error.WriteLine($"  kept the data folder {DataPath}");
            return;
        }
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; the OS temp cleaner takes it. */ }
    }

    private sealed class Factory(string dataPath, string? postgres, string? redis, string redisPrefix) : WebApplicationFactory<Program>
    {
        // A working license without limits, signed by a vendor key made for this run (as the tests do): 25 bots and
        // thousands of contacts are past a test license's limits, and licensing is not what is measured.
        private const string VendorKeyId = "bench";
        private static readonly ECDsa VendorKey = LicenseKeys.NewKey();
        private static readonly string UnlimitedLicense = LicenseKeys.Sign(
            new LicenseDocument("bench-unlimited", LicenseType.Working, "7707083893", "bench", null, null,
                DateTimeOffset.UtcNow.AddDays(-1), null, null, null, null) { KeyId = VendorKeyId }, VendorKey);

        public string DataPath { get; } = dataPath;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the app expects published files; this runs from the build output like `dotnet run`.
            builder.UseStaticWebAssets();
            builder.UseSetting("Bots1C:DataPath", DataPath);
            if (postgres is not null)
            {
                builder.UseSetting("Bots1C:Database:Provider", "Postgres");
                builder.UseSetting("Bots1C:Database:ConnectionString", postgres);
                // On a fresh database EF's migrator probes "__EFMigrationsHistory" before creating it, and the failed probe
                // is logged at Error (three times a start) on stdout, in the middle of the table. A command that fails for
                // real still surfaces through the app's own logs (the processor's, the dispatcher's) and the figures.
                builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
            }
            if (redis is not null)
            {
                builder.UseSetting($"{RedisSettings.Section}:Connection", redis);
                builder.UseSetting($"{RedisSettings.Section}:ChannelPrefix", redisPrefix);
            }
            builder.UseSetting("Bots1C:Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bots1C:Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bots1C:Bootstrap:ApiKey", ApiKey);
            builder.UseSetting($"Bots1C:Licensing:VendorKeys:{VendorKeyId}", LicenseKeys.PublicPem(VendorKey));
            builder.UseSetting("Bots1C:Bootstrap:LicenseKey", UnlimitedLicense);
            // The fake Telegram API listens on loopback, which a bot's API server may only be when listed (docs/security.md).
            builder.UseSetting("Bots1C:Messengers:ApiAllowedHosts:0", "127.0.0.0/8");
            // Tens of operators sign in from this one loopback address within seconds, which the sign-in limit (10 posts a
            // minute per address, docs/security.md) is there to stop on a real network.
            builder.UseSetting("Bots1C:SignIn:AttemptsPerMinute", "10000");
            // The app's logging would drown the table and cost time that is not the app's: errors only.
            // appsettings.json names some categories; each is overridden, as a more specific rule beats Default.
            foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime" })
                builder.UseSetting($"Logging:LogLevel:{category}", "Error");
            // The ingest benchmark's baseline: added by this host only, so the product has no such route.
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BareWebhookEndpoint>());
        }
    }
}
