using System.Diagnostics;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Domain.Data;

public class DatabaseStartupTests
{
    [Fact]
    public async Task A_database_that_cannot_be_opened_stops_the_app_with_one_line_naming_the_path()
    {
        using var folder = new TempFolder();
        // A regular file where the data folder should be: neither the folder nor the database can be created.
        var blocker = Path.Combine(folder.Path, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        var dataPath = Path.Combine(blocker, "data");

        var start = new ProcessStartInfo("dotnet", ["Bots1C.Web.dll", $"--Bots1C:DataPath={dataPath}", "--Urls=http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app kept running with an unusable database.");
        }

        Assert.NotEqual(0, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Bots1C cannot open its database at ", line);
        Assert.Contains(Path.Combine(dataPath, "bots1c.db"), line);
        Assert.DoesNotContain("   at ", await stdout);
    }
}
