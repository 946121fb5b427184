using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Bots1C.Domain.Channels.WhatsApp;

/// <summary>
/// Reads WhatsApp Cloud API webhooks: <c>{"object":"whatsapp_business_account","entry":[{"changes":[{"field","value":{
/// "contacts","messages","statuses"}}]}]}</c>. One POST may carry several entries and changes, each with several messages
/// and statuses (Meta batches), so <see cref="Parse"/> returns every event in the body in order. The payloads are small and
/// Meta adds fields often, so plain <see cref="JsonDocument"/> reading is both the simplest and the most tolerant choice.
/// </summary>
internal sealed class WhatsAppWebhook(TimeProvider clock)
{
    /// <summary>The id of the reply button that stands for a phone request (<see cref="ButtonKind.SharePhone"/>): WhatsApp has
    /// no such button, but it tells us the sender's own number (<c>from</c>) on every message, so pressing this button
    /// shares that number.</summary>
    public const string SharePhoneButtonId = "bots1c:share-phone";

    /// <summary>
    /// The inbox key and the chat. A body with messages is keyed by its first message's wamid and queued in the chat of
    /// that message's customer. A body of delivery reports only is keyed by "wamid:status" (one message gets sent,
    /// delivered, read) and queued apart from what the customer says, as Viber's reports are: a report that overtakes our
    /// own record of the send must not hold up the customer's next message. Anything else (a field we do not subscribe
    /// to, errors only) is keyed by its content, so Meta's resending of the same body is still stored once.
    /// A body naming two customers (Meta may batch them; rare) is queued in the first one's chat: every event still goes to
    /// its own customer's conversation (the recorder keys conversations by sender), and rows are processed oldest first,
    /// so only a second customer whose own earlier update is being held back (a retry, a scenario's HTTP call) could see
    /// this one overtake it.
    /// </summary>
    public static UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        if (document is null || Values(document.RootElement) is not { } values)
            return null;

        foreach (var value in values)
            foreach (var message in Array(value.Value, "messages"))
                if (Text(message, "id") is { Length: > 0 } id && CustomerOf(message) is { } customer)
                    return new UpdateEnvelope(id, customer);
        foreach (var value in values)
            foreach (var status in Array(value.Value, "statuses"))
                if (Text(status, "id") is { Length: > 0 } id && Text(status, "status") is { } state && RecipientOf(status) is { } recipient)
                    return new UpdateEnvelope($"{id}:{state}", ReportsOf(recipient));

        var field = values.Select(v => v.Field).FirstOrDefault(f => f is not null) ?? "unknown";
        return new UpdateEnvelope($"{field}:{Convert.ToHexStringLower(SHA256.HashData(body))}", $"event:{field}");
    }

    /// <summary>The queue of one customer's delivery reports, next to (not in) the queue of what they say.</summary>
    public static string ReportsOf(string customer) => $"reports:{customer}";

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        // The webhook stores only bodies that passed ReadEnvelope: this is a damaged row, not a customer's message.
        if (document is null || Values(document.RootElement) is not { } values)
            throw new UnreadableUpdateException("Not a WhatsApp webhook: no entry[].changes[].value.");

        var events = new List<InboundEvent>();
        foreach (var value in values)
        {
            foreach (var message in Array(value.Value, "messages"))
                if (CustomerOf(message) is { } customer)
                    events.Add(Message(message, customer, SenderOf(value.Value, customer)));
            foreach (var status in Array(value.Value, "statuses"))
                if (RecipientOf(status) is { } recipient && Status(status, recipient) is { } report)
                    events.Add(report);
        }
        if (events.Count == 0)
            events.Add(new InboundEvent(InboundKind.Service, "", clock.GetUtcNow()) { ServiceName = values.Select(v => v.Field).FirstOrDefault(f => f is not null) ?? "unknown" });
        return events;
    }

    private InboundEvent Message(JsonElement message, string customer, Sender sender)
    {
        var type = Text(message, "type") ?? "unknown";
        var basis = new InboundEvent(InboundKind.Service, customer, At(message))
        {
            Sender = sender,
            ExternalMessageId = Text(message, "id"),
            ServiceName = type,
        };
        var content = Child(message, type);
        switch (type)
        {
            case "text" when content is { } text:
                return basis with { Kind = InboundKind.Text, Text = Text(text, "body"), ServiceName = null };
            case "interactive" when content is { } interactive:
                return Interactive(basis, interactive, message);
            // A quick-reply button of a template message: its payload is what the template was sent with.
            case "button" when content is { } button:
                return basis with
                {
                    Kind = InboundKind.ButtonPress, ServiceName = null, Text = Text(button, "text"),
                    ButtonData = Text(button, "payload") ?? Text(button, "text"),
                };
            case "contacts":
                return Contacts(basis, message);
            case "document" or "image" or "audio" or "video" when content is { } media && Text(media, "id") is { } mediaId:
                return basis with
                {
                    Kind = InboundKind.File, ServiceName = null, Text = Text(media, "caption"),
                    File = new InboundFile(mediaId, Text(media, "filename"), Text(media, "mime_type"), Size: null, IsImage: type == "image"),
                };
            // A location, a reaction, a sticker, "unsupported" / "unknown" (with errors 131051) and kinds yet to come are
            // kept as service events, as Telegram's and Viber's are.
            default:
                return basis;
        }
    }

    private static InboundEvent Interactive(InboundEvent basis, JsonElement interactive, JsonElement message)
    {
        var reply = Child(interactive, "button_reply") ?? Child(interactive, "list_reply");
        if (reply is not { } pressed || Text(pressed, "id") is not { } id)
            return basis with { ServiceName = "interactive" };
        // The stand-in for a phone request: the number is WhatsApp's own record of the sender's account.
        if (id == SharePhoneButtonId && Text(message, "from") is { Length: > 0 } phone)
            return basis with
            {
                Kind = InboundKind.ContactShared, ServiceName = null,
                Contact = new SharedContact(Plus(phone), basis.Sender?.FirstName, null, IsOwn: true),
            };
        // WhatsApp has no callback id to answer: the press is final when it arrives.
        return basis with { Kind = InboundKind.ButtonPress, ServiceName = null, Text = Text(pressed, "title"), ButtonData = id };
    }

    /// <summary>A contact card picked from the address book. It is the sender's own number only when WhatsApp names the
    /// sender's own account on it (<c>phones[].wa_id</c> = <c>from</c>): anyone can share someone else's card.</summary>
    private static InboundEvent Contacts(InboundEvent basis, JsonElement message)
    {
        var from = Text(message, "from");
        var cards = Array(message, "contacts").ToList();
        var phones = cards.SelectMany(card => Array(card, "phones").Select(phone => (Card: card, Phone: phone)))
            .Where(p => Text(p.Phone, "phone") is { Length: > 0 })
            .ToList();
        if (phones.Count == 0)
            return basis with { ServiceName = "contacts" };
        var own = phones.FirstOrDefault(p => from is not null && Text(p.Phone, "wa_id") == from);
        var chosen = own.Card.ValueKind == JsonValueKind.Object ? own : phones[0];
        var name = Child(chosen.Card, "name");
        return basis with
        {
            Kind = InboundKind.ContactShared, ServiceName = null,
            Contact = new SharedContact(Text(chosen.Phone, "phone")!,
                name is { } n ? Text(n, "first_name") ?? Text(n, "formatted_name") : null,
                name is { } m ? Text(m, "last_name") : null,
                IsOwn: own.Card.ValueKind == JsonValueKind.Object),
        };
    }

    private InboundEvent? Status(JsonElement status, string recipient)
    {
        var (state, reason) = Text(status, "status") switch
        {
            "sent" => (DeliveryState.Sent, null),
            "delivered" => (DeliveryState.Delivered, null),
            // "played" is a voice message listened to: read, as far as the operator cares.
            "read" or "played" => (DeliveryState.Seen, null),
            "failed" => (DeliveryState.Failed, FailureOf(status)),
            _ => ((DeliveryState?)null, (string?)null),
        };
        if (state is not { } known || Text(status, "id") is not { } id)
            return null;
        return new InboundEvent(InboundKind.DeliveryStatus, recipient, At(status)) { Delivery = new DeliveryReport(id, known, reason) };
    }

    /// <summary>The first error's code and title, in the words <see cref="WhatsAppErrors"/> gives a send's refusal.</summary>
    private static string FailureOf(JsonElement status)
    {
        var error = Array(status, "errors").FirstOrDefault();
        if (error.ValueKind != JsonValueKind.Object)
            return "WhatsApp could not deliver the message.";
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var number) ? number : (int?)null;
        var details = Child(error, "error_data") is { } data ? Text(data, "details") : null;
        return WhatsAppErrors.Reason(code, Text(error, "title") ?? Text(error, "message"), details);
    }

    private static Sender SenderOf(JsonElement value, string customer)
    {
        var profile = Array(value, "contacts")
            .Where(c => Text(c, "wa_id") == customer || Text(c, "user_id") == customer)
            .Select(c => Child(c, "profile"))
            .FirstOrDefault();
        return new Sender(customer, profile is { } p ? Text(p, "name") : null, null, null, null);
    }

    /// <summary>The customer's WhatsApp id (their phone number in international form, digits only); the business-scoped
    /// user id (BSUID, "US.1349…") when WhatsApp withholds the phone of a customer with a username.</summary>
    private static string? CustomerOf(JsonElement message) =>
        Text(message, "from") is { Length: > 0 } from ? from : Text(message, "user_id") is { Length: > 0 } user ? user : null;

    private static string? RecipientOf(JsonElement status) =>
        Text(status, "recipient_id") is { Length: > 0 } id ? id : Text(status, "recipient_user_id") is { Length: > 0 } user ? user : null;

    /// <summary>WhatsApp writes numbers without the plus; a phone number is stored in E.164.</summary>
    private static string Plus(string digits) => digits.StartsWith('+') ? digits : "+" + digits;

    private const long MaxUnixSeconds = 253_402_300_799;

    private DateTimeOffset At(JsonElement element) =>
        Text(element, "timestamp") is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow();

    private readonly record struct ChangeValue(JsonElement Value, string? Field);

    /// <summary>entry[].changes[].value, in order; null when the body is not a webhook of this shape at all.</summary>
    private static List<ChangeValue>? Values(JsonElement root)
    {
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            return null;
        var values = new List<ChangeValue>();
        foreach (var entry in entries.EnumerateArray())
            foreach (var change in Array(entry, "changes"))
                if (Child(change, "value") is { } value)
                    values.Add(new ChangeValue(value, Text(change, "field")));
        return values.Count > 0 ? values : null;
    }

    private static JsonDocument? Open(ReadOnlySpan<byte> body) => JsonObjectBody.Open(body);

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    internal static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
