using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>Reads VK Callback API events (API version 5.199). VK has no .NET model kept up to date and its events are
/// small, so plain <see cref="JsonDocument"/> reading is both the simplest and the most tolerant choice (as for Viber).</summary>
internal sealed class VkCallback(TimeProvider clock)
{
    /// <summary>Peer ids from this number up are group chats (2000000000 + chat id), not one person.</summary>
    public const long FirstGroupChatPeer = 2_000_000_000;

    public const string Confirmation = "confirmation";

    public static UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        if (document is null || Type(document.RootElement) is not { } type)
            return null;
        var root = document.RootElement;
        // event_id is VK's own de-duplication key ("if it passed twice or more, ignore it"). A server set up by hand with an
        // old API version may send events without one: the body's digest then stands in, so an exact resend is still one row.
        var externalId = Text(root, "event_id") is { Length: > 0 and <= 100 } eventId
            ? eventId
            : $"body:{Convert.ToHexStringLower(SHA256.HashData(body))[..40]}";
        var chat = ChatOf(type, Child(root, "object")) ?? $"event:{type}";
        return new UpdateEnvelope(externalId, chat.Length <= 128 ? chat : chat[..128]);
    }

    /// <summary>The queue of one chat's read reports, next to (not in) the queue of what the customer says.</summary>
    public static string ReportsOf(string peerId) => $"reports:{peerId}";

    private static string? ChatOf(string type, JsonElement? payload)
    {
        if (payload is not { } o)
            return null;
        return type switch
        {
            "message_new" => Child(o, "message") is { } message ? Number(message, "peer_id") : null,
            "message_edit" or "message_reply" => Number(o, "peer_id"),
            "message_read" => Number(o, "peer_id") is { } peer ? ReportsOf(peer) : null,
            _ => Number(o, "peer_id") ?? Number(o, "user_id") ?? Number(o, "from_id"),
        };
    }

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        // The webhook only stores bodies that passed ReadEnvelope, so this is a damaged row, not a customer's message.
        if (document is null || Type(document.RootElement) is not { } type)
            throw new UnreadableUpdateException("Not a VK Callback API event: no type.");
        var root = document.RootElement;
        var payload = Child(root, "object");

        switch (type)
        {
            case "message_new" when payload is { } o && Child(o, "message") is { } message:
                return NewMessage(message, LanguageOf(Child(o, "client_info")));
            case "message_edit" when payload is { } message:
                return [Edited(message)];
            case "message_event" when payload is { } press:
                return [ButtonPress(press)];
            case "message_allow" when payload is { } o && Number(o, "user_id") is { } user:
                return [Person(InboundKind.Unblocked, user)];
            case "message_deny" when payload is { } o && Number(o, "user_id") is { } user:
                return [Person(InboundKind.Blocked, user)];
            case "message_read" when payload is { } o && Number(o, "read_message_id") is { } read:
                // VK reads up to a message: one report for the message named. Our store moves one message at a time, so the
                // earlier ones keep their state (they were reported, or the customer read past them in VK's window).
                // message_read carries no time: the epoch says "long ago", so a report naming a message we never sent (an
                // administrator's reply typed in VK itself) is dropped at once instead of being retried for two minutes.
                return [new InboundEvent(InboundKind.DeliveryStatus, Number(o, "peer_id") ?? "", DateTimeOffset.UnixEpoch)
                {
                    Sender = Number(o, "from_id") is { } reader ? new Sender(reader, null, null, null, null) : null,
                    Delivery = new DeliveryReport(read, DeliveryState.Seen, null),
                }];
            default:
                var chat = payload is { } p ? Number(p, "peer_id") ?? Number(p, "user_id") ?? Number(p, "from_id") : null;
                return [new InboundEvent(InboundKind.Service, chat ?? "", clock.GetUtcNow())
                {
                    ServiceName = type,
                    Sender = payload is { } s && (Number(s, "user_id") ?? Number(s, "from_id")) is { } who ? new Sender(who, null, null, null, null) : null,
                }];
        }
    }

    private IReadOnlyList<InboundEvent> NewMessage(JsonElement message, string? language)
    {
        if (Number(message, "peer_id") is not { } peer || Number(message, "from_id") is not { } from)
            throw new UnreadableUpdateException("Not a VK message: no peer_id or from_id.");
        var basis = new InboundEvent(InboundKind.Text, peer, At(message))
        {
            // VK sends ids only; names would take a users.get call per message. The contact is known by its id until then.
            Sender = new Sender(from, null, null, null, language),
            ExternalMessageId = Number(message, "id") is { } id && id != "0" ? id : null,
        };
        var text = Text(message, "text") is { Length: > 0 } t ? t : null;

        if (Text(message, "payload") is { } payload)
        {
            // A keyboard's text button sends its label as the text and its payload beside it. VK's own "Start" button
            // ({"command":"start"}) is the customer opening the bot, as Telegram's /start is.
            if (VkPayload.IsStartCommand(payload))
                return [basis with { Text = "/start" }];
            return [basis with { Kind = InboundKind.ButtonPress, Text = text, ButtonData = VkPayload.Read(payload) }];
        }

        var files = FilesOf(message).ToList();
        if (files.Count > 0)
            // Each document or photo is a file of its own; the text goes with the first, as its caption.
            return [.. files.Select((file, i) => basis with { Kind = InboundKind.File, File = file, Text = i == 0 ? text : null })];
        if (text is not null)
            return [basis with { Text = text }];
        // A location, a sticker, a voice message: kept as a service event, as Telegram's are.
        var what = message.TryGetProperty("geo", out var geo) && geo.ValueKind == JsonValueKind.Object ? "geo"
            : FirstAttachmentType(message) ?? "message_new";
        return [basis with { Kind = InboundKind.Service, ServiceName = what }];
    }

    private InboundEvent Edited(JsonElement message)
    {
        var basis = new InboundEvent(InboundKind.Edited, Number(message, "peer_id") ?? "", At(message))
        {
            Sender = Number(message, "from_id") is { } from ? new Sender(from, null, null, null, null) : null,
            ExternalMessageId = Number(message, "id"),
            Text = Text(message, "text"),
        };
        // out = 1: one of the community's own messages was edited (in VK's window): nothing the customer said.
        return Number(message, "out") == "1" ? basis with { Kind = InboundKind.Service, ServiceName = "message_edit", Text = null } : basis;
    }

    private InboundEvent ButtonPress(JsonElement press)
    {
        var user = Number(press, "user_id");
        var peer = Number(press, "peer_id") ?? user;
        if (user is null || peer is null || Text(press, "event_id") is not { Length: > 0 } eventId)
            throw new UnreadableUpdateException("Not a VK button press: no user_id, peer_id or event_id.");
        return new InboundEvent(InboundKind.ButtonPress, peer, clock.GetUtcNow())
        {
            Sender = new Sender(user, null, null, null, null),
            CallbackId = VkEventAnswer.Encode(eventId, user, peer),
            ButtonData = press.TryGetProperty("payload", out var payload) ? VkPayload.Read(payload) : null,
        };
    }

    private InboundEvent Person(InboundKind kind, string user) =>
        new(kind, user, clock.GetUtcNow()) { Sender = new Sender(user, null, null, null, null) };

    private static IEnumerable<InboundFile> FilesOf(JsonElement message)
    {
        if (!message.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var attachment in attachments.EnumerateArray())
        {
            if (attachment.ValueKind != JsonValueKind.Object)
                continue;
            switch (Text(attachment, "type"))
            {
                case "doc" when Child(attachment, "doc") is { } doc && Text(doc, "url") is { } url:
                    yield return new InboundFile(url, Text(doc, "title"), MimeType: null,
                        Number(doc, "size") is { } size && long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) ? bytes : null, IsImage: false);
                    break;
                case "photo" when Child(attachment, "photo") is { } photo && LargestSize(photo) is { } url:
                    yield return new InboundFile(url, FileName: null, MimeType: null, Size: null, IsImage: true);
                    break;
            }
        }
    }

    /// <summary>VK sends every size it made of a photo; the largest is the original.</summary>
    private static string? LargestSize(JsonElement photo)
    {
        if (!photo.TryGetProperty("sizes", out var sizes) || sizes.ValueKind != JsonValueKind.Array)
            return null;
        string? best = null;
        long bestArea = -1;
        foreach (var size in sizes.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Object || Text(size, "url") is not { } url)
                continue;
            var area = (long.TryParse(Number(size, "width"), CultureInfo.InvariantCulture, out var w) ? w : 0)
                       * (long.TryParse(Number(size, "height"), CultureInfo.InvariantCulture, out var h) ? h : 0);
            if (area > bestArea)
                (best, bestArea) = (url, area);
        }
        return best;
    }

    private static string? FirstAttachmentType(JsonElement message) =>
        message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? attachments.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Text(a, "type")).FirstOrDefault(t => t is not null)
            : null;

    /// <summary>client_info.lang_id is VK's language number; the two this app speaks are named, the rest left unknown.</summary>
    private static string? LanguageOf(JsonElement? clientInfo) =>
        clientInfo is { } info && Number(info, "lang_id") is { } id ? id switch { "0" => "ru", "3" => "en", _ => null } : null;

    private DateTimeOffset At(JsonElement message) =>
        Number(message, "date") is { } date && long.TryParse(date, CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow();

    private const long MaxUnixSeconds = 253_402_300_799;

    internal static JsonDocument? Open(ReadOnlySpan<byte> body) => JsonObjectBody.Open(body);

    internal static string? Type(JsonElement root) => Text(root, "type") is { Length: > 0 } type ? type : null;

    internal static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    internal static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>VK's ids are integers up to 64 bits: read as such and kept as text.</summary>
    internal static string? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;
}
