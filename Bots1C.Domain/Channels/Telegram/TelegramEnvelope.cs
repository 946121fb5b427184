using System.Globalization;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Telegram;

/// <summary>Reads an update's id and chat straight from the bytes, without the Bot API model: this runs
/// inside the webhook request for every update, so it stays small and never allocates the whole object graph.</summary>
internal static class TelegramEnvelope
{
    private static readonly string[] ChatCarriers = ["message", "edited_message", "channel_post", "edited_channel_post", "my_chat_member", "chat_member"];

    public static UpdateEnvelope? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; anything after it makes the body invalid JSON.
            if (reader.Read())
                return null;
            var update = document.RootElement;
            if (update.ValueKind != JsonValueKind.Object
                || !update.TryGetProperty("update_id", out var idElement)
                || idElement.ValueKind != JsonValueKind.Number
                || !idElement.TryGetInt64(out var updateId))
                return null;

            var id = updateId.ToString(CultureInfo.InvariantCulture);
            return new UpdateEnvelope(id, ChatKey(update) ?? $"update:{id}");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ChatKey(JsonElement update)
    {
        foreach (var carrier in ChatCarriers)
            if (update.TryGetProperty(carrier, out var payload) && Id(payload, "chat") is { } chatId)
                return chatId;

        if (update.TryGetProperty("callback_query", out var query))
            return (query.ValueKind == JsonValueKind.Object && query.TryGetProperty("message", out var message) ? Id(message, "chat") : null)
                ?? Id(query, "from");

        // Other kinds (inline queries, polls, …) have no chat; the user is the next best thing to keep one person's updates in order.
        foreach (var property in update.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.Object && Id(property.Value, "from") is { } userId)
                return userId;
        return null;
    }

    private static string? Id(JsonElement parent, string child) =>
        parent.ValueKind == JsonValueKind.Object
        && parent.TryGetProperty(child, out var owner)
        && owner.ValueKind == JsonValueKind.Object
        && owner.TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.Number
        && id.TryGetInt64(out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;
}
