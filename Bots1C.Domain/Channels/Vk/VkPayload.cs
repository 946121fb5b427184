using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>
/// A button's payload. VK wants valid JSON of at most 255 characters; ours is an object <c>{"b":"s12:m1:b2"}</c>, so a
/// press gives back exactly the payload the button was made with. VK's schema types the payload that comes back as a
/// string (the JSON text), while callback presses are seen carrying the object itself: both are read.
/// </summary>
internal static class VkPayload
{
    public const int MaxLength = 255;
    private const string Key = "b";
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Null when it would be longer than VK takes (our payloads are at most 64 bytes, so never).</summary>
    public static string? For(string payload) =>
        new JsonObject { [Key] = payload }.ToJsonString(Json) is { Length: <= MaxLength } json ? json : null;

    /// <summary>Our payload from a press; a payload in another shape (a keyboard made elsewhere) as its JSON text.</summary>
    public static string? Read(JsonElement payload) => payload.ValueKind switch
    {
        JsonValueKind.String => Read(payload.GetString()!),
        JsonValueKind.Object when payload.TryGetProperty(Key, out var ours) && ours.ValueKind == JsonValueKind.String => ours.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => payload.GetRawText(),
    };

    public static string? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : Read(document.RootElement);
        }
        catch (JsonException)
        {
            return payload;
        }
    }

    /// <summary>VK's own "Start" button: <c>{"command":"start"}</c>.</summary>
    public static bool IsStartCommand(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("command", out var command)
                   && command.ValueKind == JsonValueKind.String && command.GetString() == "start";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// What messages.sendMessageEventAnswer needs to answer a callback press (event id, user, peer), carried as the press's
/// one callback id: <c>{event_id}:{user_id}:{peer_id}</c>. The ids are numbers, so the event id is what is left of
/// the last two colons.
/// </summary>
internal static class VkEventAnswer
{
    public static string Encode(string eventId, string userId, string peerId) => $"{eventId}:{userId}:{peerId}";

    public static (string EventId, string UserId, string PeerId)? Decode(string callbackId)
    {
        var peerAt = callbackId.LastIndexOf(':');
        var userAt = peerAt > 0 ? callbackId.LastIndexOf(':', peerAt - 1) : -1;
        if (userAt <= 0)
            return null;
        var (eventId, user, peer) = (callbackId[..userAt], callbackId[(userAt + 1)..peerAt], callbackId[(peerAt + 1)..]);
        return long.TryParse(user, out _) && long.TryParse(peer, out _) ? (eventId, user, peer) : null;
    }
}
