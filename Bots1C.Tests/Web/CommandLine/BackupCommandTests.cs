using Bots1C.Domain.Bots;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.CommandLine;

/// <summary><c>dotnet Bots1C.Web.dll backup --out FOLDER</c> copies the database and keys/ as the pair they are
/// restored as, while the app keeps running (docs/upgrading.md).</summary>
public class BackupCommandTests
{
    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_into_a_working_installation()
    {
        using var running = new Bots1CAppFactory();
        (await running.CreateClient().GetAsync("/setup")).EnsureSuccessStatusCode(); // database and first key made
        var sealedToken = running.Services.GetRequiredService<TokenProtector>().Protect("123456:bot-token");
        using var backup = new TempFolder();
        var target = Path.Combine(backup.Path, "copy");

        var (code, output, error) = await AppCommandLine.RunAsync("backup", "--out", target, $"--Bots1C:DataPath={running.DataPath}");

        Assert.True(code == 0, error);
        Assert.Contains(target, output);
        using var restored = new Bots1CAppFactory(target);
        Assert.Equal("Healthy", await restored.CreateClient().GetStringAsync("/health"));
        // The keys came with the database: what the running app encrypted, the restored one decrypts.
        Assert.Equal("123456:bot-token", restored.Services.GetRequiredService<TokenProtector>().Unprotect(sealedToken));
    }

    [Fact]
    public async Task The_copy_and_its_folders_are_private()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var running = new Bots1CAppFactory();
        (await running.CreateClient().GetAsync("/setup")).EnsureSuccessStatusCode();
        using var backup = new TempFolder();
        var target = Path.Combine(backup.Path, "copy");

        await AppCommandLine.RunAsync("backup", "--out", target, $"--Bots1C:DataPath={running.DataPath}");

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(target));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Path.Combine(target, DatabaseProvider.SqliteFileName)));
        var keys = Directory.GetFiles(Path.Combine(target, DataFolder.KeysFolder));
        Assert.NotEmpty(keys);
        foreach (var key in keys)
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task A_backup_never_writes_into_a_folder_that_holds_something()
    {
        using var running = new Bots1CAppFactory();
        (await running.CreateClient().GetAsync("/setup")).EnsureSuccessStatusCode();
        using var backup = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(backup.Path, "bots1c.db"), "yesterday's backup");

        var (code, _, error) = await AppCommandLine.RunAsync("backup", "--out", backup.Path, $"--Bots1C:DataPath={running.DataPath}");

        Assert.NotEqual(0, code);
        Assert.Contains("is not empty", error);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(Path.Combine(backup.Path, "bots1c.db")));
    }

    [Fact]
    public async Task The_version_option_prints_the_version_the_app_shows()
    {
        var (code, output, _) = await AppCommandLine.RunAsync("--version");

        Assert.Equal(0, code);
        Assert.StartsWith(Bots1C.Web.Composition.AppVersion.Number, output.Trim());
    }
}
