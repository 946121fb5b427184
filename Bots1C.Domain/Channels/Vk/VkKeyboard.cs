using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>
/// The <c>keyboard</c> parameter of messages.send (a JSON string). An inline keyboard (under the message) when the
/// message carries only callback and link buttons and they fit (10 keys, 6 rows); otherwise a keyboard in place of the
/// customer's (40 keys, 10 rows), shown once: reply buttons (a question's choices) only live there. VK has no button
/// that shares the phone: such a button is left out, and the customer types the number.
/// </summary>
internal static class VkKeyboard
{
    public const int MaxLabel = 40;
    private const int InlineKeys = 10, InlineRows = 6, Keys = 40, Rows = 10, KeysPerRow = 5;
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The keyboard's JSON, or null when no button is left to show.</summary>
    public static string? For(IReadOnlyList<Button> buttons)
    {
        var shown = buttons.Where(b => b.Kind != ButtonKind.SharePhone).Select(Action).OfType<JsonObject>().ToList();
        if (shown.Count == 0)
            return null;
        var inline = buttons.All(b => b.Kind is not ButtonKind.Reply) && shown.Count <= InlineKeys;
        var (maxKeys, maxRows) = inline ? (InlineKeys, InlineRows) : (Keys, Rows);
        shown = shown.Take(maxKeys).ToList();
        // One button a row, as on the other messengers, until the rows run out; then as few to a row as fit.
        var perRow = Math.Min(KeysPerRow, (shown.Count + maxRows - 1) / maxRows);
        var rows = new JsonArray([.. shown.Chunk(perRow).Select(row => (JsonNode)new JsonArray([.. row.Select(b => (JsonNode)new JsonObject { ["action"] = b })]))]);
        var keyboard = new JsonObject { ["one_time"] = !inline, ["inline"] = inline, ["buttons"] = rows };
        if (inline)
            keyboard.Remove("one_time"); // VK does not take one_time on an inline keyboard
        return keyboard.ToJsonString(Json);
    }

    private static JsonObject? Action(Button b)
    {
        var label = TextLimits.Cut(b.Text, MaxLabel);
        switch (b.Kind)
        {
            case ButtonKind.Callback when VkPayload.For(b.Payload ?? b.Text) is { } payload:
                return new JsonObject { ["type"] = "callback", ["label"] = label, ["payload"] = payload };
            case ButtonKind.OpenUrl when Uri.TryCreate(b.Payload, UriKind.Absolute, out var url) && url.Scheme is "http" or "https":
                return new JsonObject { ["type"] = "open_link", ["link"] = url.AbsoluteUri, ["label"] = label };
            case ButtonKind.Reply:
                // Pressing it sends the label as the customer's text, as typing it would.
                var action = new JsonObject { ["type"] = "text", ["label"] = label };
                if (b.Payload is { } data && VkPayload.For(data) is { } p)
                    action["payload"] = p;
                return action;
            default:
                return null;
        }
    }
}
