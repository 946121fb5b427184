using Microsoft.Playwright;

namespace Bots1C.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright. Playwright cannot download its own browser here, so the
/// system one is required: a missing Chromium fails the test with the command that installs it.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {ExecutablePath}. Install it with: sudo apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true, // Playwright gives each launch a fresh, throw-away profile.
            // Without the background-networking flags Chromium keeps dialling Google on a machine with no network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
