using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Bots1C.Tests.Domain.Diagnostics;

/// <summary>A Kestrel HTTPS server on a loopback port that answers every GET with "Status: Ready", like a published webhook.</summary>
public sealed class TestHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpsServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TestHttpsServer> StartAsync(X509Certificate2 leaf, X509Certificate2Collection? chain = null,
        SslProtocols protocols = SslProtocols.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = leaf,
            ServerCertificateChain = chain,
            SslProtocols = protocols,
        })));
        var app = builder.Build();
        app.MapGet("/{**path}", () => Results.Text("Status: Ready", "text/plain"));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        return new TestHttpsServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
