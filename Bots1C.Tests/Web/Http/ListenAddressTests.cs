using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Composition;
using Microsoft.Extensions.Configuration;

namespace Bots1C.Tests.Web.Http;

/// <summary>
/// Containers and hosting panels say where to listen with ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS, people with
/// --urls: each of them wins over the app's own default (http://localhost:5080), which applies only when nothing
/// else names an address.
/// </summary>
public partial class ListenAddressTests
{
    [Fact]
    public void With_no_address_setting_the_app_listens_on_localhost_5080()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bots1C:DataPath"] = "x" }).Build();

        Assert.False(ListenAddress.IsConfigured(settings));
        Assert.Equal("http://localhost:5080", ListenAddress.Default);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]          // --urls, URLS, ASPNETCORE_URLS, DOTNET_URLS, "Urls" in a settings file
    [InlineData("http_ports", "8080")]                   // ASPNETCORE_HTTP_PORTS, DOTNET_HTTP_PORTS
    [InlineData("https_ports", "8443")]                  // ASPNETCORE_HTTPS_PORTS
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080")]
    public void Any_address_setting_replaces_the_default(string key, string value)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.True(ListenAddress.IsConfigured(settings));
    }

    [Fact]
    public async Task ASPNETCORE_URLS_decides_where_the_built_app_listens()
    {
        await using var app = await ChildApp.StartAsync(new() { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", app.Address);
        Assert.DoesNotContain(":5080", app.Address);
        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task ASPNETCORE_HTTP_PORTS_decides_where_the_built_app_listens()
    {
        var port = FreePort();

        await using var app = await ChildApp.StartAsync(new() { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() });

        Assert.EndsWith($":{port}", app.Address);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task The_urls_argument_wins_over_the_environment()
    {
        await using var app = await ChildApp.StartAsync(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}" }, "--urls=http://127.0.0.1:0");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", app.Address);
        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web project's build output run as `dotnet Bots1C.Web.dll`, with only the environment the test gives.</summary>
    private sealed partial class ChildApp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TempFolder _data;
        private readonly StringBuilder _output = new();

        private ChildApp(Process process, TempFolder data) => (_process, _data) = (process, data);

        public string Address { get; private set; } = "";
        public HttpClient Client { get; private set; } = null!;
        private string Output { get { lock (_output) return _output.ToString(); } }

        public static async Task<ChildApp> StartAsync(Dictionary<string, string> environment, params string[] arguments)
        {
            var build = WebBuildFolder();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = build, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(build, "Bots1C.Web.dll"));
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                         || k.StartsWith("DOTNET_URLS", StringComparison.Ordinal) || k.Equals("URLS", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("Bots1C", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            var data = new TempFolder();
            start.ArgumentList.Add($"--Bots1C:DataPath={data.Path}");
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
                    return app;
                }
                await Task.Delay(100);
            }
            var output = app.Output;
            await app.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"The app did not announce its address:\n{output}");
        }

        private static string WebBuildFolder()
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory); // …/Bots1C.Tests/bin/<Configuration>/net10.0/
            var root = tests;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bots1C.sln")))
                root = root.Parent;
            return Path.Combine(root!.FullName, "Bots1C.Web", "bin", tests.Parent!.Name, tests.Name);
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
            _data.Dispose();
        }
    }
}
