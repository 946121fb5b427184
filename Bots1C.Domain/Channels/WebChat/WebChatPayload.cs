using System.Text.Json.Serialization;

namespace Bots1C.Domain.Channels.WebChat;

/// <summary>What the chat window sends for one visitor message; stored in the inbox like any messenger update.</summary>
/// <param name="ButtonPayload">Set when the visitor pressed a Callback button: its payload, and <see cref="Text"/> is the
/// button's text. Optional, so payloads stored before buttons existed (still in inbox tables) read as plain text.</param>
public sealed record WebChatPayload(
    [property: JsonPropertyName("visitor")] string VisitorId,
    [property: JsonPropertyName("id")] string ClientMessageId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("payload")] string? ButtonPayload = null);
