using System.Net;
using System.Net.Sockets;

namespace Bots1C.Domain.Outbound;

/// <summary>
/// Non-public hosts an administrator lets the app reach, read from one setting (named in every refusal, so the
/// reader knows what to change). Entries are networks (<c>10.0.0.0/8</c>, <c>fd00::/8</c>), single addresses
/// (<c>192.168.1.20</c>) or host names (<c>1c.office.lan</c>, matched exactly, case aside).
/// </summary>
public sealed class OutboundAllowList
{
    private readonly List<IPNetwork> _networks = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    private OutboundAllowList(string setting) => Setting = setting;

    /// <summary>The configuration key the entries came from, e.g. <c>Bots1C:Scenarios:HttpAllowedHosts</c>.</summary>
    public string Setting { get; }

    public static OutboundAllowList Empty(string setting) => new(setting);

    /// <summary>Each entry may itself hold several, separated by commas, semicolons or spaces (one environment variable).</summary>
    public static OutboundAllowList Parse(string setting, IEnumerable<string?> entries)
    {
        var list = new OutboundAllowList(setting);
        foreach (var entry in entries.SelectMany(e => (e ?? "").Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (TryNetwork(entry) is { } network)
                list._networks.Add(network);
            else
                list._names.Add(NameOf(entry));
        }
        return list;
    }

    /// <summary>The host was listed by name: the administrator vouches for wherever it resolves.</summary>
    public bool AllowsName(string host) => _names.Contains(NameOf(host));

    public bool AllowsAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return _networks.Any(n => n.Contains(address));
    }

    /// <summary>A host as written in a URL or a list: brackets, a trailing dot and case do not matter.</summary>
    public static string NameOf(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();

    /// <summary><c>10.1.2.3/8</c> is read as <c>10.0.0.0/8</c>: people write a host of the network as often as its base.</summary>
    private static IPNetwork? TryNetwork(string entry)
    {
        var slash = entry.IndexOf('/');
        var addressPart = NameOf(slash < 0 ? entry : entry[..slash]);
        if (!IPAddress.TryParse(addressPart, out var address))
            return null;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(entry[(slash + 1)..], out prefix) || prefix < 0 || prefix > bits))
            return null;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
