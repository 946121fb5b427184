using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Bots1C.Domain.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bots1C.Tests.Domain.Diagnostics;

/// <summary>Step 5 against real HTTPS servers on loopback, each with the certificate mistake the original's guide lists.
/// The tests trust their own generated root through <see cref="CertificateTrust"/>, as a company CA would be trusted.</summary>
public class CertificateCheckTests
{
    private const string Host = "localhost";
    private readonly TestCertificates _ca = new();

    private CertificateCheck Check() => new(
        new TlsInspector(new CertificateJudge(new CertificateTrust(_ca.Root)), TimeProvider.System),
        Options.Create(new DiagnosticsOptions { TimeoutSeconds = 5 }));

    private async Task<StepResult> InspectAsync(TestHttpsServer server) =>
        await Check().InspectAsync([IPAddress.Loopback], server.Port, Host, CancellationToken.None);

    private static string[] Fact(StepResult result, string key) => Assert.Single(result.Facts, f => f.Key == key).Args;

    private static string Facts(StepResult result) => string.Join("\n", result.Facts.Select(f => f.Key + ": " + string.Join(" | ", f.Args)));

    [Fact]
    public async Task A_valid_certificate_with_its_full_chain_passes_and_names_the_protocol()
    {
        await using var server = await TestHttpsServer.StartAsync(_ca.Leaf(Host), [_ca.Intermediate]);

        var result = await InspectAsync(server);

        Assert.True(result.Outcome == StepOutcome.Pass, Facts(result));
        Assert.Contains(result.Facts, f => f.Key == "ProtocolNegotiated" && f.Args[0].StartsWith("TLS 1."));
        Assert.Contains(result.Facts, f => f.Key == "ChainSent" && f.Args[0] == "2");
    }

    [Fact]
    public async Task An_expired_certificate_fails_as_expired()
    {
        var leaf = _ca.Leaf(Host, DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-1));
        await using var server = await TestHttpsServer.StartAsync(leaf, [_ca.Intermediate]);

        var result = await InspectAsync(server);

        Assert.Equal((StepOutcome.Fail, CertificateProblems.Expired), (result.Outcome, result.Problem));
    }

    [Fact]
    public async Task A_certificate_expiring_within_two_weeks_warns()
    {
        await using var server = await TestHttpsServer.StartAsync(_ca.Leaf(Host, notAfter: DateTimeOffset.UtcNow.AddDays(5)), [_ca.Intermediate]);

        var result = await InspectAsync(server);

        Assert.Equal((StepOutcome.Warn, CertificateProblems.ExpiresSoon), (result.Outcome, result.Problem));
    }

    [Fact]
    public async Task A_certificate_for_another_host_fails_as_wrong_domain()
    {
        await using var server = await TestHttpsServer.StartAsync(_ca.Leaf("shop.example.test"), [_ca.Intermediate]);

        var result = await InspectAsync(server);

        Assert.Equal((StepOutcome.Fail, CertificateProblems.WrongDomain), (result.Outcome, result.Problem));
    }

    [Fact]
    public async Task A_server_sending_only_its_leaf_fails_as_missing_intermediate()
    {
        await using var server = await TestHttpsServer.StartAsync(_ca.Leaf(Host));

        var result = await InspectAsync(server);

        Assert.Equal((StepOutcome.Fail, CertificateProblems.MissingIntermediate), (result.Outcome, result.Problem));
        Assert.Contains(result.Facts, f => f.Key == "ChainSent" && f.Args[0] == "1");
    }

    [Fact]
    public async Task A_self_signed_certificate_fails_as_self_signed()
    {
        await using var server = await TestHttpsServer.StartAsync(TestCertificates.SelfSigned(Host));

        var result = await InspectAsync(server);

        Assert.Equal((StepOutcome.Fail, CertificateProblems.SelfSigned), (result.Outcome, result.Problem));
    }

    [Fact]
    public async Task A_server_limited_to_TLS_1_2_passes_the_report_names_TLS_1_2_and_old_protocols_are_refused()
    {
        await using var server = await TestHttpsServer.StartAsync(_ca.Leaf(Host), [_ca.Intermediate], SslProtocols.Tls12);

        var result = await InspectAsync(server);

        Assert.True(result.Outcome == StepOutcome.Pass, Facts(result));
        Assert.Equal(["TLS 1.2"], Fact(result, "ProtocolNegotiated"));
        Assert.Contains(result.Facts, f => f.Key == "Tls12Accepted");
        Assert.Equal(["Refused", "Refused"], Fact(result, "LegacyProtocols"));
    }
}
