using System.Net;
using System.Net.Sockets;

namespace Bots1C.Domain.Outbound;

/// <summary>
/// Connects an HTTP client only to public addresses and to those its allow-list names. It runs as the handler's
/// <see cref="SocketsHttpHandler.ConnectCallback"/>, so it sees every connection: the address the name resolves to
/// at that moment (a name that changes its answer between a check and the request gains nothing), and each hop of
/// a redirect. The name is resolved here, the addresses are filtered, and the socket goes to an allowed one.
/// </summary>
public sealed class OutboundGuard(OutboundAllowList allowed)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var isLiteral = IPAddress.TryParse(OutboundAllowList.NameOf(host), out var literal);
        var addresses = isLiteral ? [literal!] : await Dns.GetHostAddressesAsync(host, ct);
        var permitted = !isLiteral && allowed.AllowsName(host)
            ? addresses
            : addresses.Where(a => NonPublicAddresses.IsPublic(a) || allowed.AllowsAddress(a)).ToArray();
        if (permitted.Length == 0)
            throw new OutboundRefusedException(Refusal(host, addresses, allowed.Setting));

        SocketException? failed = null;
        foreach (var address in permitted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failed = e; // the next address may answer, as the default connect would try it
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failed!;
    }

    /// <summary>Names the host, what it resolved to and the setting that would allow it.</summary>
    public static string Refusal(string host, IReadOnlyCollection<IPAddress> addresses, string setting)
    {
        var name = OutboundAllowList.NameOf(host);
        var found = string.Join(", ", addresses.Select(a => $"{a} ({NonPublicAddresses.KindOf(a) ?? "public"})"));
        var what = addresses.Count == 1 && addresses.First().ToString() == name ? found : $"{name} → {(found.Length > 0 ? found : "no address")}";
        return $"Refused {what}: not a public address. To allow it, add the host name or its network (CIDR) to the setting {setting}.";
    }
}

/// <summary>An outbound request the SSRF rule refused; its message says what was refused and which setting allows it.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
