using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Bots1C.Tests.Infrastructure;

/// <summary>
/// The built web app run as a separate process (`dotnet Bots1C.Web.dll`), as an administrator or a container starts it:
/// with none of the test run's own ASP.NET Core or Bots1C settings, only the arguments and environment a test gives.
/// Ready once it prints "Bots1C is running at …".
/// </summary>
public sealed partial class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder? _data;
    private readonly StringBuilder _output = new();

    private ChildApp(Process process, TempFolder? data) => (_process, _data) = (process, data);

    public string Address { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The web project's own build output, of the test run's configuration (what `dotnet run` runs).</summary>
    public static string WebBuildFolder()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory); // …/Bots1C.Tests/bin/<Configuration>/net10.0/
        var root = tests;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
            root = root.Parent;
        return Path.Combine(root!.FullName, "Bots1C.Web", "bin", tests.Parent!.Name, tests.Name);
    }

    /// <param name="data">A data folder for this run only, removed with the app; null: the arguments say where.</param>
    public static Task<ChildApp> StartAsync(string folder, IReadOnlyDictionary<string, string>? environment = null, TempFolder? data = null,
        params string[] arguments) =>
        StartAsync(new ProcessStartInfo("dotnet"), folder, environment, data, arguments);

    /// <summary>The app started by <paramref name="shell"/> (a POSIX shell, under whatever name the test gave it), which
    /// stays its parent process — as a service manager does.</summary>
    public static Task<ChildApp> StartUnderAsync(string shell, string folder, IReadOnlyDictionary<string, string>? environment = null,
        TempFolder? data = null, params string[] arguments)
    {
        var start = new ProcessStartInfo(shell);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("dotnet \"$@\"; exit $?"); // not the shell's last word alone, or it would exec dotnet in its place
        start.ArgumentList.Add("app");
        return StartAsync(start, folder, environment, data, arguments);
    }

    private static async Task<ChildApp> StartAsync(ProcessStartInfo start, string folder, IReadOnlyDictionary<string, string>? environment,
        TempFolder? data, string[] arguments)
    {
        start.WorkingDirectory = folder;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.ArgumentList.Add(Path.Combine(folder, "Bots1C.Web.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (data is not null)
            start.ArgumentList.Add($"--Bots1C:DataPath={data.Path}");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_URLS", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                     || k.Equals("URLS", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Bots1C", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var app = new ChildApp(Process.Start(start)!, data);
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
                app.Client = new HttpClient { BaseAddress = new Uri(app.Address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1")) };
                await Task.Delay(300); // the next line ("Open … to create the first administrator") follows at once
                return app;
            }
            await Task.Delay(100);
        }
        var output = app.Output;
        await app.DisposeAsync();
        throw new Xunit.Sdk.XunitException($"The app did not announce its address:\n{output}");
    }

    [GeneratedRegex(@"Bots1C is running at (http://\S+)")]
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
        _data?.Dispose();
    }
}
