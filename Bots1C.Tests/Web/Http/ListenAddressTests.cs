using System.Net;
using System.Net.Sockets;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Composition;
using Microsoft.Extensions.Configuration;

namespace Bots1C.Tests.Web.Http;

/// <summary>
/// Containers and hosting panels say where to listen with ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS, people with
/// --urls: each of them wins over the app's own default (http://localhost:5080), which applies only when nothing
/// else names an address.
/// </summary>
public class ListenAddressTests
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
        await using var app = await StartAsync(new() { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", app.Address);
        Assert.DoesNotContain(":5080", app.Address);
        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task ASPNETCORE_HTTP_PORTS_decides_where_the_built_app_listens()
    {
        var port = FreePort();

        await using var app = await StartAsync(new() { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() });

        Assert.EndsWith($":{port}", app.Address);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task The_urls_argument_wins_over_the_environment()
    {
        await using var app = await StartAsync(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}" }, "--urls=http://127.0.0.1:0");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", app.Address);
        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
    }

    /// <summary>The build output as it is, on a data folder of its own that goes with the test.</summary>
    private static Task<ChildApp> StartAsync(Dictionary<string, string> environment, params string[] arguments) =>
        ChildApp.StartAsync(ChildApp.WebBuildFolder(), environment, new TempFolder(), arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
