using System.Globalization;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Max;

/// <summary>Turns a stored MAX update into our events. Kinds we do not act on become <see cref="InboundKind.Service"/>.</summary>
internal sealed class MaxUpdateParser(TimeProvider clock)
{
    private static readonly HashSet<string> FileAttachments = ["file", "image", "video", "audio"];

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        using var document = MaxUpdate.Open(body);
        // The webhook only stores bodies that passed the envelope, so this is a damaged row, not a customer's message.
        if (document is null || MaxUpdate.TypeOf(document.RootElement) is not { } type)
            throw new UnreadableUpdateException("Not a MAX update: no update_type.");
        var update = document.RootElement;
        var message = MaxUpdate.Child(update, "message");
        var basis = new InboundEvent(InboundKind.Service, MaxUpdate.ChatOf(update, type) ?? $"update:{type}", At(update, message))
        {
            Sender = SenderOf(update, type),
            ExternalMessageId = message is { } m && MaxUpdate.Child(m, "body") is { } b ? MaxUpdate.Text(b, "mid") : null,
        };

        return type switch
        {
            "message_created" when message is { } created => Created(created, basis),
            "message_callback" when MaxUpdate.Child(update, "callback") is { } callback => [basis with
            {
                Kind = InboundKind.ButtonPress,
                CallbackId = MaxUpdate.Text(callback, "callback_id"),
                ButtonData = MaxUpdate.Text(callback, "payload"),
            }],
            "message_edited" when message is { } edited => [basis with { Kind = InboundKind.Edited, Text = BodyText(edited) }],
            // MAX's Start button sends no message: the customer opening the bot asks for the main menu as Telegram's /start
            // does (a deep link's payload follows it, as in Telegram's "/start payload").
            "bot_started" => [basis with { Kind = InboundKind.ConversationStarted }, basis with
            {
                Kind = InboundKind.Text,
                Text = MaxUpdate.Text(update, "payload") is { Length: > 0 } payload ? $"/start {payload}" : "/start",
            }],
            "bot_stopped" => [basis with { Kind = InboundKind.Blocked }],
            _ => [basis with { ServiceName = type }],
        };
    }

    private static IReadOnlyList<InboundEvent> Created(JsonElement message, InboundEvent basis)
    {
        var text = BodyText(message);
        var attachments = MaxUpdate.Child(message, "body") is { } body && body.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).ToList()
            : [];

        if (attachments.FirstOrDefault(a => MaxUpdate.Text(a, "type") == "contact") is { ValueKind: JsonValueKind.Object } contact
            && ContactOf(contact, basis.Sender?.ExternalUserId) is { } shared)
            return [basis with { Kind = InboundKind.ContactShared, Contact = shared }];

        // Several photos in one message are several files; the text goes with the first, as the customer wrote it once.
        var files = attachments.Where(a => MaxUpdate.Text(a, "type") is { } t && FileAttachments.Contains(t))
            .Select(FileOf).OfType<InboundFile>().ToList();
        if (files.Count > 0)
            return [.. files.Select((file, i) => basis with { Kind = InboundKind.File, File = file, Text = i == 0 ? text : null })];

        if (!string.IsNullOrEmpty(text))
            return [basis with { Kind = InboundKind.Text, Text = text }];
        // A sticker, a location, a shared link: kept as what MAX calls it.
        var other = attachments.Select(a => MaxUpdate.Text(a, "type")).FirstOrDefault(t => t is not null and not "inline_keyboard");
        return [basis with { ServiceName = other ?? "message_created" }];
    }

    /// <summary>The attachment's payload.url is MAX's own download link; it is fetched without the token.</summary>
    private static InboundFile? FileOf(JsonElement attachment)
    {
        if (MaxUpdate.Child(attachment, "payload") is not { } payload || MaxUpdate.Text(payload, "url") is not { Length: > 0 } url)
            return null;
        var size = MaxUpdate.Number(attachment, "size") is { } s && long.TryParse(s, CultureInfo.InvariantCulture, out var bytes) ? bytes : (long?)null;
        return new InboundFile(url, MaxUpdate.Text(attachment, "filename"), MimeType: null, size, IsImage: MaxUpdate.Text(attachment, "type") == "image");
    }

    /// <summary>
    /// A contact is a vCard (vcf_info) and, for a MAX user, their MAX profile (max_info). A request_contact button answers
    /// with the sender's own card; anyone can also share someone else's, so the number counts as the sender's own only
    /// when MAX's own max_info names the sender.
    /// </summary>
    private static SharedContact? ContactOf(JsonElement attachment, string? senderId)
    {
        if (MaxUpdate.Child(attachment, "payload") is not { } payload)
            return null;
        var card = VCard.Read(MaxUpdate.Text(payload, "vcf_info"));
        if (card.Phone is null)
            return null;
        var profile = MaxUpdate.Child(payload, "max_info");
        var owner = profile is { } p ? MaxUpdate.Number(p, "user_id") : null;
        var first = (profile is { } f ? NonEmpty(MaxUpdate.Text(f, "first_name")) : null) ?? card.Name;
        var last = profile is { } l ? NonEmpty(MaxUpdate.Text(l, "last_name")) : null;
        return new SharedContact(card.Phone, first, last, IsOwn: owner is not null && owner == senderId);
    }

    private static string? BodyText(JsonElement message) =>
        MaxUpdate.Child(message, "body") is { } body ? MaxUpdate.Text(body, "text") : null;

    private static Sender? SenderOf(JsonElement update, string type)
    {
        var person = type == "message_callback" && MaxUpdate.Child(update, "callback") is { } callback ? MaxUpdate.Child(callback, "user")
            : MaxUpdate.Child(update, "message") is { } message && MaxUpdate.Child(message, "sender") is { } sender ? sender
            : MaxUpdate.Child(update, "user");
        var locale = MaxUpdate.Text(update, "user_locale");
        if (person is { } p && MaxUpdate.Number(p, "user_id") is { } id)
            return new Sender(id, NonEmpty(MaxUpdate.Text(p, "first_name")) ?? NonEmpty(MaxUpdate.Text(p, "name")),
                NonEmpty(MaxUpdate.Text(p, "last_name")), NonEmpty(MaxUpdate.Text(p, "username")), locale);
        return MaxUpdate.Number(update, "user_id") is { } userId ? new Sender(userId, null, null, null, locale) : null;
    }

    /// <summary>MAX times are milliseconds; the press's or message's own time first, else the update's, else now.</summary>
    private DateTimeOffset At(JsonElement update, JsonElement? message)
    {
        var ms = (MaxUpdate.Child(update, "callback") is { } callback ? MaxUpdate.Number(callback, "timestamp") : null)
                 ?? (message is { } m && MaxUpdate.Text(update, "update_type") == "message_created" ? MaxUpdate.Number(m, "timestamp") : null)
                 ?? MaxUpdate.Number(update, "timestamp");
        return ms is not null && long.TryParse(ms, CultureInfo.InvariantCulture, out var unixMs) && unixMs is >= MinUnixMilliseconds and <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
            : clock.GetUtcNow();
    }

    private const long MinUnixMilliseconds = -62_135_596_800_000, MaxUnixMilliseconds = 253_402_300_799_999;

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>The two lines of a vCard a shared contact needs: the first TEL and the FN.</summary>
internal static class VCard
{
    public sealed record Card(string? Phone, string? Name);

    public static Card Read(string? vcf)
    {
        if (string.IsNullOrEmpty(vcf))
            return new Card(null, null);
        string? phone = null, name = null;
        // vCard folds long lines by starting the next with a space; TEL and FN are short, so unfolding is not needed.
        foreach (var line in vcf.Split('\n', StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var property = line[..colon].Split(';')[0];
            var value = line[(colon + 1)..].Trim();
            if (phone is null && property.Equals("TEL", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                phone = value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? value[4..] : value;
            else if (name is null && property.Equals("FN", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                name = value;
        }
        return new Card(phone, name);
    }
}
