using System.Globalization;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Viber;

/// <summary>Reads Viber callbacks. Viber has no official .NET model, and its callbacks are small and flat,
/// so plain <see cref="JsonDocument"/> reading is both the simplest and the most tolerant choice.</summary>
internal sealed class ViberCallback(TimeProvider clock)
{
    /// <summary>Delivery reports carry the token of <em>our</em> message, so "delivered" and "seen" for one message
    /// share it; they get the event name in front to stay distinct from each other and from real messages.</summary>
    private static readonly HashSet<string> DeliveryEvents = ["delivered", "seen", "failed"];

    public static UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        if (document is null || Event(document.RootElement) is not { } name)
            return null;
        var root = document.RootElement;

        string externalId;
        if (Number(root, "message_token") is { } token)
            externalId = DeliveryEvents.Contains(name) ? $"{name}:{token}" : token;
        else if (Number(root, "timestamp") is { } timestamp)
            externalId = $"{name}:{timestamp}";
        else
            return null;

        // A report on one of our messages may have to wait until the dispatcher has saved that message's token (up to two
        // minutes after a crash): it is queued apart from what the customer says, so the customer's messages never wait for it.
        var chat = UserId(root) is { } user ? DeliveryEvents.Contains(name) ? ReportsOf(user) : user : $"event:{name}";
        return new UpdateEnvelope(externalId, chat);
    }

    /// <summary>The queue of one customer's delivery reports, next to (not in) the queue of what they say.</summary>
    public static string ReportsOf(string userId) => $"reports:{userId}";

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        // The webhook only stores bodies that passed ReadEnvelope, so this is a damaged row, not a customer's message.
        if (document is null || Event(document.RootElement) is not { } name)
            throw new UnreadableUpdateException("Not a Viber callback: no event name.");
        var root = document.RootElement;

        // A timestamp beyond the calendar's range cannot be a moment: the time the callback is read stands in.
        var at = Number(root, "timestamp") is { } ms && long.TryParse(ms, CultureInfo.InvariantCulture, out var unixMs)
                 && unixMs is >= MinUnixMilliseconds and <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
            : clock.GetUtcNow();
        var token = Number(root, "message_token");
        var basis = new InboundEvent(InboundKind.Service, UserId(root) ?? "", at) { Sender = SenderOf(root) };

        InboundEvent result = name switch
        {
            "message" => Message(root, basis with { ExternalMessageId = token }),
            "subscribed" => basis with { Kind = InboundKind.Unblocked },
            "unsubscribed" => basis with { Kind = InboundKind.Blocked },
            "conversation_started" => basis with { Kind = InboundKind.ConversationStarted },
            "delivered" => Delivery(basis, token, DeliveryState.Delivered, null),
            "seen" => Delivery(basis, token, DeliveryState.Seen, null),
            "failed" => Delivery(basis, token, DeliveryState.Failed, Text(root, "desc")),
            "webhook" => basis with { Kind = InboundKind.WebhookConfirmed },
            _ => basis with { ServiceName = name },
        };
        return [result];
    }

    private const long MinUnixMilliseconds = -62_135_596_800_000, MaxUnixMilliseconds = 253_402_300_799_999;

    private static InboundEvent Message(JsonElement root, InboundEvent basis)
    {
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            return basis with { ServiceName = "message" };

        switch (Text(message, "type"))
        {
            // A reply button's press is indistinguishable from typing its ActionBody: it stays text.
            case "text":
                return basis with { Kind = InboundKind.Text, Text = Text(message, "text") };
            case "picture" when Text(message, "media") is { } media:
                return basis with { Kind = InboundKind.File, Text = Text(message, "text"), File = FileOf(message, media, isImage: true) };
            case "file" when Text(message, "media") is { } media:
                return basis with { Kind = InboundKind.File, File = FileOf(message, media, isImage: false) };
            case "contact" when message.TryGetProperty("contact", out var contact)
                                && contact.ValueKind == JsonValueKind.Object
                                && Text(contact, "phone_number") is { } phone:
                var name = Text(contact, "name");
                // Viber, unlike Telegram, puts no user id on a contact, so a share-phone answer and a card picked from the
                // address book look alike. A number that would bind this chat to a customer must not come from someone
                // else's card, so it counts as the sender's own only when nothing points to another person: the card
                // has no name, or the sender's own.
                var own = name is null || string.Equals(name, basis.Sender?.FirstName, StringComparison.Ordinal);
                return basis with { Kind = InboundKind.ContactShared, Contact = new SharedContact(phone, name, null, own) };
            default:
                return basis with { ServiceName = "message" };
        }
    }

    private static InboundFile FileOf(JsonElement message, string media, bool isImage) =>
        new(media, Text(message, "file_name"), MimeType: null,
            Number(message, "size") is { } size && long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) ? bytes : null,
            isImage);

    private static InboundEvent Delivery(InboundEvent basis, string? token, DeliveryState state, string? reason) =>
        basis with { Kind = InboundKind.DeliveryStatus, Delivery = new DeliveryReport(token ?? "", state, reason) };

    /// <summary>message: sender{…}; subscribed and conversation_started: user{…}; the rest: user_id.</summary>
    private static string? UserId(JsonElement root) =>
        (Child(root, "sender") is { } sender ? Text(sender, "id") : null)
        ?? (Child(root, "user") is { } user ? Text(user, "id") : null)
        ?? Text(root, "user_id");

    private static Sender? SenderOf(JsonElement root)
    {
        var person = Child(root, "sender") ?? Child(root, "user");
        if (person is { } p && Text(p, "id") is { } id)
            return new Sender(id, Text(p, "name"), null, null, Text(p, "language"));
        return Text(root, "user_id") is { } userId ? new Sender(userId, null, null, null, null) : null;
    }

    private static JsonDocument? Open(ReadOnlySpan<byte> body) => JsonObjectBody.Open(body);

    private static string? Event(JsonElement root) => Text(root, "event") is { Length: > 0 } name ? name : null;

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Viber's tokens are 64-bit integers: read them as such (a double would lose digits) and keep them as text.</summary>
    internal static string? Number(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
            return null;
        if (value.TryGetInt64(out var signed))
            return signed.ToString(CultureInfo.InvariantCulture);
        return value.TryGetUInt64(out var unsigned) ? unsigned.ToString(CultureInfo.InvariantCulture) : null;
    }
}
