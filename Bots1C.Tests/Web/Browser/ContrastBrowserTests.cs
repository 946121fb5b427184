using System.Globalization;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Operators;
using Bots1C.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bots1C.Tests.Web.Browser;

/// <summary>One app with a bit of everything (the demo bot and its scenarios, a conversation with every kind of bubble,
/// a contact, event log entries), signed in once per theme: every main page must pass axe-core's WCAG AA
/// "color-contrast" rule in the light and in the dark theme.</summary>
public class ContrastBrowserTests(ChromiumFixture chromium, ContrastBrowserTests.SeededApp seeded)
    : IClassFixture<ChromiumFixture>, IClassFixture<ContrastBrowserTests.SeededApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_main_page_passes_the_WCAG_AA_contrast_check(bool dark)
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(seeded.Url, dark ? SeededApp.DarkUser : SeededApp.LightUser);

        var failures = new StringBuilder();
        foreach (var (name, path, ready) in seeded.Pages)
        {
            await page.OpenAsync(seeded.Url + path);
            await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            Assert.Equal(dark, await IsDarkAsync(page)); // the theme really is the one asked for
            var result = await page.RunAxe(ContrastOnly);
            foreach (var node in result.Violations.SelectMany(v => v.Nodes))
                failures.AppendLine($"{name} ({path}): {node.Target} {Describe(node)}");
        }

        await ShowReconnectDialogAsync(page);
        var dialog = await page.RunAxe(new AxeRunContext { Include = [new AxeSelector("#components-reconnect-modal")] }, ContrastOnly);
        foreach (var node in dialog.Violations.SelectMany(v => v.Nodes))
            failures.AppendLine($"reconnect dialog: {node.Target} {Describe(node)}");

        Assert.True(failures.Length == 0, $"Contrast below WCAG AA in the {(dark ? "dark" : "light")} theme:\n{failures}");
    }

    [Fact]
    public async Task The_dark_theme_is_in_the_first_paint_before_any_script_runs()
    {
        // No JavaScript at all: what the browser paints from the server's first answer, before the circuit starts.
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(seeded.Url + "/account/login");
        await page.FillAsync("#email", SeededApp.DarkUser);
        await page.FillAsync("#password", HtmlForms.Password);
        await page.ClickAsync("[data-testid=submit]");

        await page.GotoAsync(seeded.Url + "/dashboard");

        Assert.True(await IsDarkAsync(page));
    }

    /// <summary>Blazor's "connection lost" dialog in its last state (with the Retry button), shown at once.</summary>
    private static Task ShowReconnectDialogAsync(IPage page) => page.EvaluateAsync("""
        () => {
            const dialog = document.getElementById('components-reconnect-modal');
            dialog.classList.add('components-reconnect-failed');
            dialog.showModal();
            dialog.getAnimations({ subtree: true }).forEach(a => a.finish());
        }
        """);

    /// <summary>The page's background, as the browser computed it, is darker than mid-grey.</summary>
    private static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
            return r + g + b < 384;
        }
        """);

    private static readonly AxeRunOptions ContrastOnly = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>axe's own numbers: foreground, background, ratio and the ratio needed.</summary>
    private static string Describe(AxeResultNode node)
    {
        var check = node.Any.Concat(node.All).Concat(node.None).FirstOrDefault(c => c.Id == "color-contrast");
        if (check?.Data is not { } data)
            return node.Html;
        using var doc = JsonDocument.Parse(data.ToString()!); // axe's check data, as JSON
        var d = doc.RootElement;
        string Get(string key) => d.TryGetProperty(key, out var v) ? v.ToString() : "?";
        return $"fg {Get("fgColor")} on bg {Get("bgColor")}: {Get("contrastRatio")} < {Get("expectedContrastRatio")} — {node.Html}";
    }

    /// <summary>The app, on Kestrel, with its data, shared by both themes' runs.</summary>
    public sealed class SeededApp : IAsyncLifetime
    {
        public const string LightUser = "light@example.ru";
        public const string DarkUser = "dark@example.ru";

        private readonly Bots1CAppFactory _app = new();

        public string Url { get; private set; } = "";

        /// <summary>Name, address and an element that shows the page has its data.</summary>
        public List<(string Name, string Path, string Ready)> Pages { get; } = [];

        public async Task InitializeAsync()
        {
            Url = _app.StartOnKestrel();
            var light = await _app.CreateUserAsync(LightUser, HtmlForms.Password, Roles.Administrator);
            var dark = await _app.CreateUserAsync(DarkUser, HtmlForms.Password, Roles.Administrator);
            var preferences = _app.Services.GetRequiredService<UserPreferences>();
            await preferences.SetDarkModeAsync(light.Id, false);
            await preferences.SetDarkModeAsync(dark.Id, true);

            var showcase = await ShowcaseSeed.SeedAsync(_app, Url, light.Id, "light", CultureInfo.GetCultureInfo("en"));
            Pages.AddRange(showcase.MainPages());
        }

        public async Task DisposeAsync() => await _app.DisposeAsync();
    }
}
