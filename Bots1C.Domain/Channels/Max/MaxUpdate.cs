using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Max;

/// <summary>
/// The facts the envelope and the parser both read from a MAX update, kept in one place so they always agree: which
/// chat an update belongs to, and the key that tells a resent update from a new one. MAX has no .NET model and its
/// updates are small, so <see cref="JsonDocument"/> reading is the simplest and most tolerant choice (as for Viber).
/// </summary>
internal static class MaxUpdate
{
    /// <summary>Inbox ids are at most 128 characters; a longer key (a long callback id) is kept as its hash.</summary>
    private const int MaxExternalId = 128;

    /// <summary>Prefix of a group chat's or channel's key: kept apart from people's ids (a dialog is keyed by its person).</summary>
    public const string GroupChatPrefix = "chat:";

    /// <summary>Updates that only happen in a person's dialog with the bot, so their user is the chat.</summary>
    private static readonly HashSet<string> DialogEvents =
        ["bot_started", "bot_stopped", "dialog_cleared", "dialog_removed", "dialog_muted", "dialog_unmuted"];

    public static JsonDocument? Open(ReadOnlySpan<byte> body) => JsonObjectBody.Open(body);

    public static string? TypeOf(JsonElement update) => Text(update, "update_type") is { Length: > 0 } type ? type : null;

    /// <summary>
    /// The chat an update belongs to. A person's dialog with the bot is keyed by the person's user id, not the dialog's
    /// chat_id: the app serves one-to-one conversations whose chat is their contact (the recorder keeps an update whose
    /// chat is not its sender as a group's), and the user id is on every update of a dialog, even a press under a
    /// deleted message. Group chats and channels keep their chat_id, marked, so they are never taken for a person.
    /// </summary>
    public static string? ChatOf(JsonElement update, string type)
    {
        var user = UserIdOf(update, type);
        var message = Child(update, "message");
        var recipient = message is { } m ? Child(m, "recipient") : null;
        if (recipient is { } r)
        {
            if (Text(r, "chat_type") == "dialog" && user is not null)
                return user;
            if (Number(r, "chat_id") is { } chat)
                return GroupChatPrefix + chat;
        }
        // A press under a message MAX no longer has (message is null): only the person is known.
        if (type == "message_callback" || DialogEvents.Contains(type))
            return user;
        return Number(update, "chat_id") is { } chatId ? GroupChatPrefix + chatId : user;
    }

    /// <summary>Who did it: the message's sender, the button's presser, or the update's user.</summary>
    public static string? UserIdOf(JsonElement update, string type)
    {
        if (type == "message_callback" && Child(update, "callback") is { } callback && Child(callback, "user") is { } presser)
            return Number(presser, "user_id");
        if (Child(update, "message") is { } message && Child(message, "sender") is { } sender)
            return Number(sender, "user_id");
        return (Child(update, "user") is { } user ? Number(user, "user_id") : null) ?? Number(update, "user_id");
    }

    /// <summary>
    /// MAX gives updates no id of their own and resends for up to 8 hours. A new message is known by its mid and a press by
    /// its callback_id; an edit shares the mid of the message it changes, so it adds the time of the edit; anything else
    /// is its kind, time, chat and user together.
    /// </summary>
    public static string? ExternalIdOf(JsonElement update, string type)
    {
        var message = Child(update, "message");
        var mid = message is { } m && Child(m, "body") is { } body ? Text(body, "mid") : null;
        var timestamp = Number(update, "timestamp");
        var key = type switch
        {
            "message_created" when mid is not null => mid,
            "message_callback" when Child(update, "callback") is { } callback && Text(callback, "callback_id") is { Length: > 0 } id => id,
            "message_edited" when mid is not null => $"edited:{mid}:{timestamp ?? (message is { } e ? Number(e, "timestamp") : null)}",
            _ when timestamp is not null => $"{type}:{timestamp}:{Number(update, "chat_id") ?? ChatOf(update, type)}:{UserIdOf(update, type)}",
            _ => null,
        };
        if (key is null || key.Length <= MaxExternalId)
            return key;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public static JsonElement? Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>MAX's ids are 64-bit integers: read them as such (a double would lose digits) and keep them as text.</summary>
    public static string? Number(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
            return null;
        return value.TryGetInt64(out var number) ? number.ToString(CultureInfo.InvariantCulture) : null;
    }
}
