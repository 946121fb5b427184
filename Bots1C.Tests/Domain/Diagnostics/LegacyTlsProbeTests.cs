using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bots1C.Domain.Diagnostics;
using Bots1C.Tests.Infrastructure;

namespace Bots1C.Tests.Domain.Diagnostics;

/// <summary>
/// The old-protocol question against servers that still speak TLS 1.0. A .NET server cannot offer TLS 1.0 on this OS,
/// so the accepting server is <c>openssl s_server</c> (OpenSSL 3 has no SSL 3.0 at all: that stays refused).
/// </summary>
public sealed class LegacyTlsProbeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private Process? _server;

    public void Dispose()
    {
        if (_server is { HasExited: false })
            _server.Kill();
        _server?.Dispose();
        _folder.Dispose();
    }

    private readonly TestCertificates _ca = new();

    private async Task<int> StartOpenSslAsync(params string[] protocolArguments)
    {
        var leaf = _ca.Leaf("localhost");
        var chain = Path.Combine(_folder.Path, "chain.pem");
        await File.WriteAllTextAsync(chain, _ca.Intermediate.ExportCertificatePem());
        var certificate = Path.Combine(_folder.Path, "leaf.pem");
        var key = Path.Combine(_folder.Path, "leaf.key");
        await File.WriteAllTextAsync(certificate, leaf.ExportCertificatePem());
        await File.WriteAllTextAsync(key, leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var port = FreePort();
        var start = new ProcessStartInfo("openssl", ["s_server", "-accept", port.ToString(), "-cert", certificate, "-key", key, "-cert_chain", chain, "-quiet", .. protocolArguments])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        _server = Process.Start(start)!;
        for (var tries = 0; tries < 100; tries++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return port;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("openssl s_server did not start: " + await _server.StandardError.ReadToEndAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<LegacyAnswer> AskAsync(int port, ushort version) =>
        LegacyTlsProbe.AskAsync(IPAddress.Loopback, port, "localhost", version, TimeSpan.FromSeconds(5), CancellationToken.None);

    [Fact]
    public async Task A_server_that_still_speaks_TLS_1_0_is_found_out_and_SSL_3_stays_refused()
    {
        var port = await StartOpenSslAsync("-tls1", "-cipher", "DEFAULT@SECLEVEL=0");

        Assert.Equal(LegacyAnswer.Accepted, await AskAsync(port, LegacyTlsProbe.Tls10));
        Assert.Equal(LegacyAnswer.Refused, await AskAsync(port, LegacyTlsProbe.Ssl3));
    }

    [Fact]
    public async Task The_certificate_step_warns_when_a_server_with_a_good_certificate_still_accepts_TLS_1_0()
    {
        var port = await StartOpenSslAsync("-min_protocol", "TLSv1", "-cipher", "DEFAULT@SECLEVEL=0");
        var check = new CertificateCheck(new TlsInspector(new CertificateJudge(new CertificateTrust(_ca.Root)), TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(new DiagnosticsOptions { TimeoutSeconds = 5 }));

        var result = await check.InspectAsync([IPAddress.Loopback], port, "localhost", CancellationToken.None);

        Assert.Equal((StepOutcome.Warn, "OldProtocolsAccepted"), (result.Outcome, result.Problem));
        Assert.Equal(["Accepted", "Refused"], Assert.Single(result.Facts, f => f.Key == "LegacyProtocols").Args);
    }

    [Fact]
    public async Task A_server_limited_to_TLS_1_2_and_newer_refuses_TLS_1_0()
    {
        var port = await StartOpenSslAsync("-no_tls1", "-no_tls1_1");

        Assert.Equal(LegacyAnswer.Refused, await AskAsync(port, LegacyTlsProbe.Tls10));
    }
}
