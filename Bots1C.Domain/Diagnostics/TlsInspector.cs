using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Bots1C.Domain.Diagnostics;

/// <summary>What one TLS handshake showed: the certificates the server sent (leaf first), the protocol it chose, and
/// whether we could trust it. <see cref="Error"/> says why no certificate came at all.</summary>
public sealed record TlsObservation(IReadOnlyList<X509Certificate2> Sent, SslProtocols Protocol, CertificateFindings? Findings, string? Error)
{
    /// <summary>The server answered this protocol with its certificate, whatever we then thought of it.</summary>
    public bool ServerAccepted => Sent.Count > 0;
}

/// <summary>
/// Performs TLS handshakes against one address while naming the public host (SNI and the name check). The validation
/// callback records what the server sent and returns our own verdict: an untrusted server fails the handshake, as it
/// would for a messenger, and we still know what it sent and which protocol it chose.
/// </summary>
public sealed class TlsInspector(CertificateJudge judge, TimeProvider clock)
{
    public async Task<TlsObservation> HandshakeAsync(IPAddress address, int port, string host, SslProtocols protocols,
        int warningDays, TimeSpan timeout, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        var sent = new List<X509Certificate2>();
        var protocol = SslProtocols.None;
        CertificateFindings? findings = null;
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(address, port, cancel.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            var options = new SslClientAuthenticationOptions
            {
                // With an IP as the host no SNI is sent, as a messenger would do with such an address.
                TargetHost = host,
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (sender, certificate, chain, _) =>
                {
                    // ExtraStore holds exactly what the server sent, leaf first; the chain is reset after the callback.
                    if (chain is not null)
                        sent.AddRange(chain.ChainPolicy.ExtraStore.Select(c => new X509Certificate2(c)));
                    if (sent.Count == 0 && certificate is not null)
                        sent.Add(new X509Certificate2(certificate));
                    protocol = ((SslStream)sender).SslProtocol;
                    if (sent.Count == 0)
                        return false;
                    findings = judge.Judge(host, sent, clock.GetUtcNow(), warningDays);
                    return findings.Trusted;
                },
            };
            await tls.AuthenticateAsClientAsync(options, cancel.Token);
            return new TlsObservation(sent, tls.SslProtocol, findings, null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : Describe(e);
            return new TlsObservation(sent, protocol, findings, sent.Count > 0 && findings is { Trusted: false } ? null : error);
        }
    }

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
}
