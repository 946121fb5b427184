using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Web.Endpoints;

/// <summary>
/// The README's promise, with the built app as a separate process: it starts with no configuration at all (nothing
/// but the port, so parallel tests do not collide), and from a read-only checkout with the data folder elsewhere,
/// writing nothing into the checkout. Its console leads a newcomer to the first administrator.
/// </summary>
public partial class StartFromCheckoutTests
{
    [Fact]
    public async Task The_app_starts_from_a_copy_of_the_build_with_no_configuration_and_asks_for_the_first_administrator()
    {
        using var checkout = new TempFolder();
        CopyBuild(checkout.Path);

        await using var app = await RunningApp.StartAsync(checkout.Path);

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

        await using (var app = await RunningApp.StartAsync(checkout.Path, $"--Bots1C:DataPath={data.Path}"))
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
        var tests = new DirectoryInfo(AppContext.BaseDirectory); // …/Bots1C.Tests/bin/<Configuration>/net10.0/
        var (framework, configuration) = (tests.Name, tests.Parent!.Name);
        var root = tests;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent;
        var build = Path.Combine(root!.FullName, "Bots1C.Web", "bin", configuration, framework);
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

    private sealed partial class RunningApp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private RunningApp(Process process) => _process = process;

        public string Address { get; private set; } = "";
        public HttpClient Client { get; private set; } = null!;
        public string Output { get { lock (_output) return _output.ToString(); } }

        public static async Task<RunningApp> StartAsync(string folder, params string[] settings)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(folder, "Bots1C.Web.dll"));
            start.ArgumentList.Add("--Urls=http://127.0.0.1:0");
            foreach (var setting in settings)
                start.ArgumentList.Add(setting);
            // No configuration from the test run's own environment either.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                         || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("Bots1C", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            var app = new RunningApp(Process.Start(start)!);
            app._process.OutputDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
            app._process.ErrorDataReceived += (_, e) => { lock (app._output) app._output.AppendLine(e.Data); };
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            var started = Stopwatch.StartNew();
            while (started.Elapsed < TimeSpan.FromSeconds(90) && !app._process.HasExited)
            {
                if (Announced().Match(app.Output) is { Success: true } match)
                {
                    app.Address = match.Groups[1].Value;
                    app.Client = new HttpClient { BaseAddress = new Uri(app.Address) };
                    await Task.Delay(300); // the next line ("Open … to create the first administrator") follows at once
                    return app;
                }
                await Task.Delay(100);
            }
            var output = app.Output;
            await app.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"The app did not announce its address:\n{output}");
        }

        [GeneratedRegex(@"Bots1C is running at (http://127\.0\.0\.1:\d+)")]
        private static partial Regex Announced();

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
