using System.Text.Json.Nodes;

namespace Bots1C.Domain.Channels.Max;

/// <summary>Our buttons as MAX's inline keyboard, the only keyboard MAX has (an attachment of the message).</summary>
internal static class MaxKeyboard
{
    // dev.max.ru, keyboard: at most 30 rows and 210 buttons, 7 in a row, or 3 in a row that has a link or a contact request.
    public const int MaxRows = 30, MaxPerRow = 7, MaxPerRowWithWideButtons = 3;
    /// <summary>Button text is 1..128 characters; a payload at most 1024 (schema).</summary>
    public const int MaxButtonText = 128, MaxPayload = 1024;

    /// <summary>Each button on a row of its own, as on Telegram, while they fit in 30 rows; more are packed into rows within
    /// MAX's limits, and what still does not fit is left out rather than have MAX refuse the whole message.</summary>
    public static JsonObject? For(IReadOnlyList<Button> buttons)
    {
        if (buttons.Count == 0)
            return null;
        var rows = new List<List<Button>>();
        foreach (var button in buttons)
        {
            var last = rows.Count > 0 ? rows[^1] : null;
            var wide = last is not null && last.Append(button).Any(IsWide);
            if (buttons.Count > MaxRows && last is not null && last.Count < (wide ? MaxPerRowWithWideButtons : MaxPerRow))
                last.Add(button);
            else if (rows.Count < MaxRows)
                rows.Add([button]);
        }
        return new JsonObject
        {
            ["type"] = "inline_keyboard",
            ["payload"] = new JsonObject
            {
                ["buttons"] = new JsonArray([.. rows.Select(row => (JsonNode)new JsonArray([.. row.Select(b => (JsonNode)ButtonOf(b))]))]),
            },
        };
    }

    private static bool IsWide(Button b) => b.Kind is ButtonKind.OpenUrl or ButtonKind.SharePhone;

    private static JsonObject ButtonOf(Button b)
    {
        var text = TextLimits.Cut(string.IsNullOrWhiteSpace(b.Text) ? "…" : b.Text, MaxButtonText);
        return b.Kind switch
        {
            ButtonKind.Callback => new JsonObject { ["type"] = "callback", ["text"] = text, ["payload"] = TextLimits.Cut(b.Payload ?? b.Text, MaxPayload) },
            ButtonKind.OpenUrl => new JsonObject { ["type"] = "link", ["text"] = text, ["url"] = b.Payload ?? b.Text },
            ButtonKind.SharePhone => new JsonObject { ["type"] = "request_contact", ["text"] = text },
            // "message" sends its text as the customer's own message: a reply button.
            _ => new JsonObject { ["type"] = "message", ["text"] = text },
        };
    }
}
