using System.Text.Json;
using System.Text.Json.Serialization;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Operators;

namespace Bots1C.Web.Scaling;

/// <summary>The in-memory copies an instance drops when another one says their rows changed.</summary>
public enum SharedCache { Bots, Scenarios, License, All }

/// <summary>What one instance tells the others on the Redis channel: exactly one of the parts is set (a conversation
/// event, a cache to drop, its presence, or a bot whose health it found changed).</summary>
public sealed record LinkMessage(string From, ConversationEvent? Event = null, SharedCache? Cache = null, PresenceSnapshot? Presence = null,
    long? BotHealth = null)
{
    // Names, not numbers: two instances of different versions (a rolling upgrade) still agree on what a value means.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null for anything that is not a message of ours (another program on the channel, a newer format).</summary>
    public static LinkMessage? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<LinkMessage>(json, Json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>This process among the app's instances: messages it sent come back to it from Redis and are skipped.</summary>
public sealed class ThisInstance
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
