using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Bots1C.Domain.Bots;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Diagnostics;

/// <summary>
/// Step 4, the original's "open the link from outside your network": the public host resolves, the port connects,
/// the webhook answers "Status: Ready". Checked from this server, which may see its own network differently from the
/// internet (a router's hairpin, a split DNS): the messenger's own view (step 6) is the outside proof.
/// </summary>
public sealed class ReachabilityCheck(CertificateJudge judge, TimeProvider clock, IOptions<DiagnosticsOptions> options)
{
    private const int MaxAddresses = 4;

    public async Task<StepResult> RunAsync(Bot bot, CancellationToken ct)
    {
        const DiagnosticStep step = DiagnosticStep.OutsideReach;
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        var url = new Uri(bot.WebhookUrl);
        var host = url.IdnHost;
        var facts = new List<DiagnosticFact> { new("CheckedFromServer") };

        var (addresses, dnsError) = await HostAddresses.ResolveAsync(host, timeout, ct);
        if (dnsError is not null)
        {
            facts.Add(new("HostNotResolved", host, dnsError));
            return StepResult.Fail(step, DiagnosticProblems.HostNotFound, [.. facts]);
        }
        facts.Add(IPAddress.TryParse(host, out _) ? new("HostIsAddress", host) : new("HostResolved", host, string.Join(", ", addresses)));

        IPAddress? reachable = null;
        foreach (var address in addresses.Take(MaxAddresses))
        {
            var (ms, error) = await HostAddresses.ConnectAsync(address, url.Port, timeout, ct);
            facts.Add(ms is { } took
                ? new DiagnosticFact("TcpConnected", address.ToString(), url.Port.ToString(CultureInfo.InvariantCulture), took.ToString(CultureInfo.InvariantCulture))
                : new DiagnosticFact("TcpFailed", address.ToString(), url.Port.ToString(CultureInfo.InvariantCulture), error!));
            if (ms is not null)
            {
                reachable = address;
                break;
            }
        }
        if (reachable is null)
            return StepResult.Fail(step, DiagnosticProblems.PortClosed, [.. facts]);

        try
        {
            using var client = ClientDialling(reachable, host, timeout);
            var answer = await ReadyAnswer.GetAsync(client, url, ct);
            facts.Add(answer.Fact(url));
            if (!answer.Ready)
                return StepResult.Fail(step, answer.AsksForPassword ? DiagnosticProblems.AsksForPassword : DiagnosticProblems.NotReady, [.. facts]);
            // An address of this computer answers here whatever the internet sees: no messenger can call it, so the
            // step cannot judge "from outside" and must not say Pass.
            if (IPAddress.IsLoopback(reachable))
            {
                facts.Add(new("LoopbackAddress", host));
                return StepResult.Warn(step, DiagnosticProblems.LoopbackOnly, [.. facts]);
            }
            return StepResult.Pass(step, [.. facts]);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            facts.Add(new("RequestFailed", url.ToString(), e.InnerException?.Message ?? e.Message));
            return StepResult.Fail(step, DiagnosticProblems.HttpsRefused, [.. facts]);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            facts.Add(new("RequestFailed", url.ToString(), e.Message));
            return StepResult.Fail(step, DiagnosticProblems.NoHttpAnswer, [.. facts]);
        }
    }

    /// <summary>An HTTP client that dials the chosen address but names the public host (Host header, SNI, certificate check).</summary>
    private HttpClient ClientDialling(IPAddress address, string host, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                // The same judgement as step 5 (and the same trusted roots), so both steps agree on the certificate.
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    var sent = chain?.ChainPolicy.ExtraStore.Select(c => new X509Certificate2(c)).ToList() ?? [];
                    if (sent.Count == 0 && certificate is not null)
                        sent.Add(new X509Certificate2(certificate));
                    return sent.Count > 0 && judge.Judge(host, sent, clock.GetUtcNow(), 0).Trusted;
                },
            },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
    }
}
