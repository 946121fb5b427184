using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Bots1C.Domain.Diagnostics;

public enum LegacyAnswer
{
    Refused,
    Accepted,
    /// <summary>The server said nothing we could read in time: we cannot tell.</summary>
    Unknown,
}

/// <summary>
/// Asks whether a server still accepts SSL 3.0 or TLS 1.0. .NET on this OS cannot even offer those protocols, so this
/// sends a hand-built ClientHello over a plain socket and reads the first record: a ServerHello with that version
/// means accepted, an alert (or a closed connection) means refused.
/// </summary>
public static class LegacyTlsProbe
{
    public const ushort Ssl3 = 0x0300, Tls10 = 0x0301;

    private static readonly ushort[] Ciphers =
        [0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f, 0x000a, 0x00ff];

    public static async Task<LegacyAnswer> AskAsync(IPAddress address, int port, string host, ushort version, TimeSpan timeout, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(address, port, cancel.Token);
            await socket.SendAsync(ClientHello(host, version), cancel.Token);
            var header = new byte[11];
            var read = 0;
            // An alert may come without the connection closing: decide as soon as the record's type is known.
            while (read < header.Length && !(read >= 5 && header[0] == 0x15))
            {
                var n = await socket.ReceiveAsync(header.AsMemory(read), cancel.Token);
                if (n == 0)
                    break;
                read += n;
            }
            if (read >= 5 && header[0] == 0x15)
                return LegacyAnswer.Refused; // alert, e.g. 70 protocol_version
            if (read >= 11 && header[0] == 0x16 && header[5] == 0x02)
                return BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(9)) <= version ? LegacyAnswer.Accepted : LegacyAnswer.Refused;
            return read == 0 ? LegacyAnswer.Refused : LegacyAnswer.Unknown;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
        {
            return LegacyAnswer.Refused;
        }
        catch (Exception e) when (e is SocketException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return LegacyAnswer.Unknown;
        }
    }

    private static byte[] ClientHello(string host, ushort version)
    {
        var body = new List<byte>();
        Add16(body, version);
        body.AddRange(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        body.Add(0); // no session id
        Add16(body, (ushort)(Ciphers.Length * 2));
        foreach (var cipher in Ciphers)
            Add16(body, cipher);
        body.Add(1);
        body.Add(0); // no compression
        if (version > Ssl3)
        {
            var extensions = new List<byte>();
            if (!IPAddress.TryParse(host, out _))
            {
                var name = System.Text.Encoding.ASCII.GetBytes(new System.Globalization.IdnMapping().GetAscii(host));
                Add16(extensions, 0x0000);
                Add16(extensions, (ushort)(name.Length + 5));
                Add16(extensions, (ushort)(name.Length + 3));
                extensions.Add(0);
                Add16(extensions, (ushort)name.Length);
                extensions.AddRange(name);
            }
            // supported_groups (P-256, P-384) and ec_point_formats (uncompressed), so ECDHE suites can be chosen.
            extensions.AddRange([0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18]);
            extensions.AddRange([0x00, 0x0b, 0x00, 0x02, 0x01, 0x00]);
            Add16(body, (ushort)extensions.Count);
            body.AddRange(extensions);
        }
        var handshake = new List<byte> { 0x01, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { 0x16 };
        Add16(record, version);
        Add16(record, (ushort)handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static void Add16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }
}
