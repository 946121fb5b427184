using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Bench;

/// <summary>
/// The real app (real SQLite file in a temp folder, real Identity, real pipeline) on real Kestrel at a loopback
/// port, with a bootstrap administrator; and, for benchmarks that need a browser, Debian's Chromium driven by
/// Playwright. Mirrors Bots1C.Tests/Infrastructure/Bots1CAppFactory.cs and ChromiumFixture.cs.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AdminEmail = "bench@example.ru";
    public const string AdminPassword = "Bench-Passw0rd-2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Factory _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BenchApp(Factory factory, string baseUrl)
    {
        _factory = factory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public string DataPath => _factory.DataPath;
    public IServiceProvider Services => _factory.Services;

    public static Task<BenchApp> StartAsync()
    {
        var factory = new Factory(Directory.CreateTempSubdirectory("bots1c-bench-").FullName);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return Task.FromResult(new BenchApp(factory, addresses.Addresses.First().TrimEnd('/')));
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
        await _factory.DisposeAsync();
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; the OS temp cleaner takes it. */ }
    }

    private sealed class Factory(string dataPath) : WebApplicationFactory<Program>
    {
        public string DataPath { get; } = dataPath;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the app expects published files; this runs from the build output like `dotnet run`.
            builder.UseStaticWebAssets();
            builder.UseSetting("Bots1C:DataPath", DataPath);
            builder.UseSetting("Bots1C:Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bots1C:Bootstrap:AdminPassword", AdminPassword);
            // The app's logging would drown the table and cost time that is not the app's: errors only.
            // appsettings.json names some categories; each is overridden, as a more specific rule beats Default.
            foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime" })
                builder.UseSetting($"Logging:LogLevel:{category}", "Error");
        }
    }
}
