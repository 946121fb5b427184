using System.Net;
using System.Net.Sockets;

namespace Bots1C.Domain.Diagnostics;

/// <summary>DNS and TCP as the messenger meets them, from this server.</summary>
public static class HostAddresses
{
    /// <summary>The host's addresses, or why there are none.</summary>
    public static async Task<(IReadOnlyList<IPAddress> Addresses, string? Error)> ResolveAsync(string host, TimeSpan timeout, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
            return ([literal], null);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancel.Token);
            return addresses.Length == 0 ? ([], "no addresses") : (addresses, null);
        }
        catch (SocketException e)
        {
            return ([], $"{e.SocketErrorCode}: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ([], $"no answer within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Connects and closes: the milliseconds it took, or why it failed.</summary>
    public static async Task<(long? Milliseconds, string? Error)> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(address, port, cancel.Token);
            return ((long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (SocketException e)
        {
            return (null, e.SocketErrorCode.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {timeout.TotalSeconds:0} s");
        }
    }
}
