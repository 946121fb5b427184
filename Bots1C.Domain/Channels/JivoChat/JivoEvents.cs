using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bots1C.Domain.Channels.JivoChat;

/// <summary>
/// Reads the events Jivo's bot-provider API posts to us (docs/channels.md, "JivoChat"). Only CLIENT_MESSAGE has a
/// published example; the other events are read from the same few fields (id, event, chat_id, client_id), which every
/// implementation we found relies on. Jivo gives ids as strings, a sender's id as a number: both are taken.
/// </summary>
internal sealed partial class JivoEvents(TimeProvider clock)
{
    public const string ClientMessage = "CLIENT_MESSAGE", AgentJoined = "AGENT_JOINED", AgentMessage = "AGENT_MESSAGE",
        AgentUnavailable = "AGENT_UNAVAILABLE", ChatClosed = "CHAT_CLOSED";

    // Jivo's own file messages are not documented: these are the type names the third-party clients we found expect.
    private static readonly HashSet<string> FileTypes = ["PHOTO", "IMAGE", "FILE", "DOCUMENT", "VIDEO", "AUDIO", "VOICE"];
    private static readonly HashSet<string> ImageTypes = ["PHOTO", "IMAGE"];

    /// <summary>A Jivo event has an id, an event name in Jivo's spelling and a chat; anything else is not Jivo's (→ 400).</summary>
    public static UpdateEnvelope? ReadEnvelope(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        if (document is null || Head(document.RootElement) is not { } head)
            return null;
        return new UpdateEnvelope(head.Id, head.ChatKey);
    }

    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        using var document = Open(body);
        // The webhook only stores bodies that passed ReadEnvelope, so this is a damaged row, not a customer's message.
        if (document is null || Head(document.RootElement) is not { } head)
            throw new UnreadableUpdateException("Not a JivoChat event: no id, event name or chat.");
        var root = document.RootElement;
        var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : (JsonElement?)null;

        var at = message is { } timed && Number(timed, "timestamp") is { } seconds
                 && long.TryParse(seconds, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : clock.GetUtcNow();
        // Without a client_id the event cannot be tied to a contact: it stays in the inbox only (no sender).
        var customer = head.HasClient ? new Sender(head.ChatKey, null, null, null, null) : null;
        var basis = new InboundEvent(InboundKind.Service, head.ChatKey, at) { Sender = customer, ExternalMessageId = head.Id, ServiceName = head.Event };

        InboundEvent result = head.Event switch
        {
            ClientMessage => FromCustomer(root, message, basis),
            AgentJoined => basis with { Kind = InboundKind.AgentJoined, AgentName = AgentNameOf(root) },
            AgentMessage => basis with { Kind = InboundKind.AgentMessage, AgentName = AgentNameOf(root), Text = message is { } said ? Text(said, "text") : null },
            AgentUnavailable => basis with { Kind = InboundKind.AgentsUnavailable },
            ChatClosed => basis with { Kind = InboundKind.ChatClosed },
            _ => basis,
        };
        return [result];
    }

    private static InboundEvent FromCustomer(JsonElement root, JsonElement? message, InboundEvent basis)
    {
        var sender = basis.Sender is null ? null : basis.Sender with { FirstName = root.TryGetProperty("sender", out var s) && s.ValueKind == JsonValueKind.Object ? Text(s, "name") : null };
        basis = basis with { Sender = sender };
        if (message is not { } said)
            return basis;
        var type = Text(said, "type")?.ToUpperInvariant() ?? "TEXT";
        var text = Text(said, "text");
        // A press on a button we sent: its id is the button's payload (JivoChatAdapter.Buttons), so it leads where the button leads.
        if (Number(said, "button_id") is { Length: > 0 } button)
            return basis with { Kind = InboundKind.ButtonPress, ButtonData = button, Text = text ?? button, ServiceName = null };
        if (type is "TEXT" or "MARKDOWN")
            return basis with { Kind = InboundKind.Text, Text = text ?? "", ServiceName = null };
        if (FileTypes.Contains(type) && (Text(said, "file") ?? Text(said, "url")) is { } url
            && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "https" or "http")
        {
            var name = Text(said, "file_name") ?? Text(said, "name") ?? NameFromLink(link);
            var size = Number(said, "file_size") is { } n && long.TryParse(n, CultureInfo.InvariantCulture, out var bytes) ? bytes : (long?)null;
            return basis with
            {
                Kind = InboundKind.File, Text = text, ServiceName = null,
                File = new InboundFile(url, name, Text(said, "mime_type"), size, ImageTypes.Contains(type)),
            };
        }
        return basis with { ServiceName = $"{ClientMessage} {type}" };
    }

    private static string? NameFromLink(Uri link) =>
        Path.GetFileName(Uri.UnescapeDataString(link.AbsolutePath)) is { Length: > 0 } name ? name : null;

    /// <summary>AGENT_JOINED and AGENT_MESSAGE are not published in full: the agent is read from "agent", else "sender".</summary>
    private static string? AgentNameOf(JsonElement root) =>
        (root.TryGetProperty("agent", out var agent) && agent.ValueKind == JsonValueKind.Object ? Text(agent, "name") : null)
        ?? (root.TryGetProperty("sender", out var sender) && sender.ValueKind == JsonValueKind.Object ? Text(sender, "name") : null);

    private sealed record EventHead(string Id, string Event, string ChatKey, bool HasClient);

    private static EventHead? Head(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || Text(root, "event") is not { } name || !EventName().IsMatch(name)
            || Number(root, "id") is not { Length: > 0 and <= JivoChatIds.MaxLength } id
            || Number(root, "chat_id") is not { Length: > 0 } chat)
            return null;
        if (Number(root, "client_id") is { Length: > 0 } client)
            return JivoChatIds.Compose(chat, client) is { } composed ? new EventHead(id, name, composed, true) : null;
        return chat.Length <= JivoChatIds.MaxLength ? new EventHead(id, name, chat, false) : null;
    }

    private const long MaxUnixSeconds = 253_402_300_799;

    private static JsonDocument? Open(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A string, or a number kept as its digits (Jivo's ids are strings in its docs, numbers in some events).</summary>
    private static string? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    [GeneratedRegex("^[A-Z][A-Z_]{1,39}$")]
    private static partial Regex EventName();
}
