using Microsoft.Playwright;

namespace Bots1C.Tests.Infrastructure;

/// <summary>The screenshots in docs/ are made by the browser tests that prove what they show: with
/// <c>BOTS1C_SCREENSHOTS</c> set to a folder they are saved there, otherwise into a temp folder (so the step still runs).</summary>
public static class DocScreenshots
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("BOTS1C_SCREENSHOTS");

    public static async Task SaveAsync(IPage page, string document, string name)
    {
        var folder = Folder ?? Path.Combine(Path.GetTempPath(), "bots1c-" + document);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
