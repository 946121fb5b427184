using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Bots1C.Domain.Bots;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Diagnostics;

/// <summary>
/// Step 5, what the original sent people to SSL checkers for: the certificate is valid now (and for the next two weeks),
/// issued for this host, sent with its intermediates and trusted; TLS 1.2 or newer is accepted and SSL 3 / TLS 1.0 refused.
/// The result names the exact problem from the original's list.
/// </summary>
public sealed class CertificateCheck(TlsInspector inspector, IOptions<DiagnosticsOptions> options)
{
    public async Task<StepResult> RunAsync(Bot bot, CancellationToken ct)
    {
        const DiagnosticStep step = DiagnosticStep.Certificate;
        var url = new Uri(bot.WebhookUrl);
        if (url.Scheme != Uri.UriSchemeHttps)
            return bot.Messenger == Messenger.WebChat
                ? StepResult.Skip(step, new DiagnosticFact("NotHttpsWebChat", url.GetLeftPart(UriPartial.Authority)))
                : StepResult.Fail(step, DiagnosticProblems.NotHttps, new DiagnosticFact("NotHttps", url.GetLeftPart(UriPartial.Authority)));
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        var (addresses, dnsError) = await HostAddresses.ResolveAsync(url.IdnHost, timeout, ct);
        if (dnsError is not null)
            return StepResult.Fail(step, DiagnosticProblems.HostNotFound, new DiagnosticFact("HostNotResolved", url.IdnHost, dnsError));
        return await InspectAsync(addresses, url.Port, url.IdnHost, ct);
    }

    /// <summary>The step against given addresses (the first that takes a TLS handshake).</summary>
    public async Task<StepResult> InspectAsync(IReadOnlyList<IPAddress> addresses, int port, string host, CancellationToken ct)
    {
        const DiagnosticStep step = DiagnosticStep.Certificate;
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        var warningDays = options.Value.CertificateWarningDays;
        TlsObservation? seen = null;
        IPAddress? address = null;
        foreach (var candidate in addresses.Take(4))
        {
            seen = await inspector.HandshakeAsync(candidate, port, host, SslProtocols.None, warningDays, timeout, ct);
            address = candidate;
            if (seen.ServerAccepted)
                break;
        }
        if (seen is not { ServerAccepted: true } || address is null)
            return StepResult.Fail(step, DiagnosticProblems.NoTls, new DiagnosticFact("TlsFailed", $"{host}:{port}", seen?.Error ?? "no address"));

        var leaf = seen.Sent[0];
        var findings = seen.Findings!;
        var facts = new List<DiagnosticFact>
        {
            new("CertificateFor", leaf.Subject, string.Join(", ", CertificateJudge.DnsNames(leaf)), host),
            new("CertificateValidity", Date(leaf.NotBefore), Date(leaf.NotAfter)),
            new("CertificateIssuer", leaf.Issuer),
            new("ChainSent", seen.Sent.Count.ToString(CultureInfo.InvariantCulture), string.Join(" → ", seen.Sent.Select(c => c.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)))),
        };
        facts.AddRange(findings.Failures.Concat(findings.Warnings).Select(p => new DiagnosticFact(p, host, Date(leaf.NotAfter))));
        if (seen.Protocol != SslProtocols.None)
            facts.Add(new("ProtocolNegotiated", Name(seen.Protocol)));

        var tls12 = await inspector.HandshakeAsync(address, port, host, SslProtocols.Tls12, warningDays, timeout, ct);
        facts.Add(new(tls12.ServerAccepted ? "Tls12Accepted" : "Tls12Refused", tls12.Error ?? ""));
        var tls10 = await LegacyTlsProbe.AskAsync(address, port, host, LegacyTlsProbe.Tls10, timeout, ct);
        var ssl3 = await LegacyTlsProbe.AskAsync(address, port, host, LegacyTlsProbe.Ssl3, timeout, ct);
        facts.Add(new("LegacyProtocols", tls10.ToString(), ssl3.ToString()));

        if (findings.Failures.Count > 0)
            return StepResult.Fail(step, findings.Failures[0], [.. facts]);
        if (!tls12.ServerAccepted)
            return StepResult.Fail(step, DiagnosticProblems.Tls12NotAccepted, [.. facts]);
        if (findings.Warnings.Count > 0)
            return StepResult.Warn(step, findings.Warnings[0], [.. facts]);
        if (tls10 == LegacyAnswer.Accepted || ssl3 == LegacyAnswer.Accepted)
            return StepResult.Warn(step, DiagnosticProblems.OldProtocolsAccepted, [.. facts]);
        return StepResult.Pass(step, [.. facts]);
    }

    public static string Name(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
#pragma warning disable SYSLIB0039 // only named, never offered
        SslProtocols.Tls11 => "TLS 1.1",
        SslProtocols.Tls => "TLS 1.0",
#pragma warning restore SYSLIB0039
        _ => protocol.ToString(),
    };

    private static string Date(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
