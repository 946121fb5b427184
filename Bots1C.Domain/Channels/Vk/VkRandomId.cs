using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>
/// messages.send's <c>random_id</c>: VK keeps one message per random_id (per community), so a message sent again — the
/// outbox re-sends an item whose send was not recorded, after a crash — is dropped by VK instead of reaching the customer
/// twice: exactly once on this channel. It must therefore be the same for the same outbox message, and differ between
/// messages.
/// <para>
/// VK's schema types it as a plain integer, and VK narrowed it to int32 in 2018 (python273/vk_api#212: "обновили доку по
/// int32"); larger values overflow. So it is a 31-bit positive number: our message id (sequential, so no two messages of
/// one installation collide before two billion messages) plus an offset drawn from the bot's own webhook secret. The
/// offset matters because VK remembers random_ids for the community's whole history: a reinstalled app (or a second bot
/// on the same community) starts its message ids at 1 again, and without a fresh offset its first messages would carry
/// the random_ids of messages VK already has, and be silently dropped.
/// </para>
/// </summary>
internal static class VkRandomId
{
    private const long Range = int.MaxValue; // values 1 … 2^31 − 1; 0 would mean "no de-duplication"

    public static int For(string? webhookSecret, string? trackingId)
    {
        if (trackingId is null)
            // Nothing identifies the message across attempts: any value, never 0.
            return RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var offset = Digest(webhookSecret ?? "", "random_id offset");
        var sequence = long.TryParse(trackingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : Digest(webhookSecret ?? "", trackingId); // not a message id: a keyed digest of it, the same on every attempt
        return (int)((offset + sequence % Range) % Range + 1);
    }

    private static long Digest(string key, string text)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text));
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Range);
    }
}
