using System.Text.Json;

namespace Bots1C.Domain.Channels;

/// <summary>Opens a webhook body that must be exactly one JSON object (every messenger's update is one); anything else —
/// not JSON, an array, a second value after the first — is null, so the webhook answers 400 instead of throwing.</summary>
public static class JsonObjectBody
{
    public static JsonDocument? Open(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            var document = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; anything after it makes the body invalid JSON.
            if (reader.Read() || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return null;
            }
            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
