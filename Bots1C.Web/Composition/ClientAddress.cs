using System.Net;
using System.Net.Sockets;

namespace Bots1C.Web.Composition;

/// <summary>Who is asking, as the per-address limits (sign-in, web chat, license server) and the throttled event log count it.</summary>
public static class ClientAddress
{
    /// <summary>The request's address as the limits see it (after the forwarded-headers rule has set it).</summary>
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    /// <summary>An IPv4 address as it is; an IPv6 address by its /64 network, because one customer line is given a
    /// whole /64 and counting single IPv6 addresses would give an attacker billions of fresh starts.</summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
