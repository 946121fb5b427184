using System.Net;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Endpoints;

/// <summary>
/// The README's promise, with the built app as a separate process: it starts with no configuration at all (nothing
/// but the port, so parallel tests do not collide), and from a read-only checkout with the data folder elsewhere,
/// writing nothing into the checkout. Its console leads a newcomer to the first administrator.
/// </summary>
public class StartFromCheckoutTests
{
    [Fact]
    public async Task The_app_starts_from_a_copy_of_the_build_with_no_configuration_and_asks_for_the_first_administrator()
    {
        using var checkout = new TempFolder();
        CopyBuild(checkout.Path);

        await using var app = await ChildApp.StartAsync(checkout.Path, null, null, "--Urls=http://127.0.0.1:0");

        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
        Assert.Contains($"Open {app.Address} to create the first administrator", app.Output);
        Assert.True(File.Exists(Path.Combine(checkout.Path, "App_Data", "bots1c.db")), "the default data folder is App_Data next to the app");
    }

    [Fact]
    public async Task The_app_starts_from_a_read_only_checkout_with_the_data_folder_elsewhere_and_writes_nothing_into_it()
    {
        using var checkout = new TempFolder();
        using var data = new TempFolder();
        CopyBuild(checkout.Path);
        var before = Snapshot(checkout.Path);
        MakeReadOnly(checkout.Path);

        await using (var app = await ChildApp.StartAsync(checkout.Path, null, null, "--Urls=http://127.0.0.1:0", $"--Bots1C:DataPath={data.Path}"))
        {
            Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
            var setup = await app.Client.GetAsync("/");
            Assert.Equal((HttpStatusCode.OK, "/setup"), (setup.StatusCode, setup.RequestMessage!.RequestUri!.AbsolutePath));
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "bots1c.db")));
        // Root ignores file modes, so the proof that nothing was written is that nothing changed.
        Assert.Equal(before, Snapshot(checkout.Path));
    }

    /// <summary>The web project's own build output (what <c>dotnet run --project Bots1C.Web</c> runs), copied.</summary>
    private static void CopyBuild(string target)
    {
        var build = ChildApp.WebBuildFolder();
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(build, file));
            if (copy.Contains($"{Path.DirectorySeparatorChar}App_Data{Path.DirectorySeparatorChar}"))
                continue; // a developer's own data from `dotnet run`
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static void MakeReadOnly(string folder)
    {
        if (OperatingSystem.IsWindows())
            return; // the snapshot comparison still proves nothing was written
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        foreach (var dir in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string Snapshot(string folder) => string.Join('\n', Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(p => $"{Path.GetRelativePath(folder, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p):O}"));
}
