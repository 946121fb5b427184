using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bots1C.Domain.Channels.WhatsApp;

/// <summary>
/// The bodies of <c>POST /&lt;phone number id&gt;/messages</c>. WhatsApp has no keyboard that mixes kinds, so buttons map as:
/// <list type="bullet">
/// <item>up to 3 choices (Reply, Callback, and the phone request's stand-in) → an interactive "button" message;</item>
/// <item>4 to 10 choices → an interactive "list" (one section; the customer opens it with the list button);</item>
/// <item>more than 10 choices → refused (Failed with the reason): a list holds 10 rows, and a choice must not vanish;</item>
/// <item>one link alone → an interactive "cta_url" message; links next to choices, or several links, are written under
/// the text as "title: address" lines (WhatsApp makes them clickable), never dropped.</item>
/// </list>
/// A title longer than WhatsApp shows (20 characters on a button, 24 in a list) is cut; the id the press comes back with
/// is never cut (it is what the scenario matches), so an id that is too long is refused instead.
/// </summary>
internal static partial class WhatsAppMessages
{
    public const int MaxText = 4096, MaxInteractiveBody = 1024, MaxCaption = 1024;
    public const int MaxReplyButtons = 3, MaxListRows = 10;
    private const int MaxButtonTitle = 20, MaxRowTitle = 24, MaxButtonId = 256, MaxRowId = 200, MaxListButton = 20;

    /// <summary>The label of the list's opening button; English and short: WhatsApp needs one and the scenario has none.</summary>
    public const string ListButtonLabel = "Choose";

    /// <summary>The message's body (without the addressing), or why WhatsApp cannot show it.</summary>
    public static (JsonObject? Body, string? Refusal) Text(string? text, IReadOnlyList<Button> buttons)
    {
        var choices = buttons.Where(b => b.Kind != ButtonKind.OpenUrl).ToList();
        var links = buttons.Where(b => b.Kind == ButtonKind.OpenUrl && !string.IsNullOrEmpty(b.Payload)).ToList();
        text ??= "";

        if (choices.Count == 0 && links.Count == 1 && text.Length is > 0 and <= MaxInteractiveBody)
            return (Interactive(new JsonObject
            {
                ["type"] = "cta_url",
                ["body"] = new JsonObject { ["text"] = text },
                ["action"] = new JsonObject
                {
                    ["name"] = "cta_url",
                    ["parameters"] = new JsonObject { ["display_text"] = TextLimits.Cut(links[0].Text, MaxButtonTitle), ["url"] = links[0].Payload },
                },
            }), null);

        // Links that cannot be buttons here go under the text.
        if (links.Count > 0)
            text = string.Join("\n", [text, .. links.Select(l => $"{l.Text}: {l.Payload}")]).Trim('\n');

        if (choices.Count == 0)
        {
            if (text.Length == 0)
                return (null, KnownReasons.NothingToSend.English);
            if (text.Length > MaxText)
                return (null, $"WhatsApp takes at most {MaxText} characters in a message; this one has {text.Length}");
            return (new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = text } }, null);
        }

        if (choices.Count > MaxListRows)
            return (null, $"WhatsApp shows at most {MaxListRows} choices in one message; this one has {choices.Count}");
        if (text.Trim().Length == 0)
            return (null, "WhatsApp needs a text above buttons; this message has none");
        if (text.Length > MaxInteractiveBody)
            return (null, $"WhatsApp takes at most {MaxInteractiveBody} characters above buttons; this text has {text.Length}");
        var ids = choices.Select(IdOf).ToList();
        var maxId = choices.Count <= MaxReplyButtons ? MaxButtonId : MaxRowId;
        if (ids.FirstOrDefault(id => id.Length > maxId) is { } longId)
            return (null, $"A button's data is longer than the {maxId} characters WhatsApp carries: {TextLimits.Cut(longId, 40)}…");
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            return (null, "Two buttons of this message carry the same data; WhatsApp needs each to be different");

        if (choices.Count <= MaxReplyButtons)
            return (Interactive(new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = text },
                ["action"] = new JsonObject
                {
                    ["buttons"] = new JsonArray([.. choices.Select((b, i) => (JsonNode)new JsonObject
                    {
                        ["type"] = "reply",
                        ["reply"] = new JsonObject { ["id"] = ids[i], ["title"] = TextLimits.Cut(b.Text, MaxButtonTitle) },
                    })]),
                },
            }), null);

        return (Interactive(new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = text },
            ["action"] = new JsonObject
            {
                ["button"] = TextLimits.Cut(ListButtonLabel, MaxListButton),
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["rows"] = new JsonArray([.. choices.Select((b, i) => (JsonNode)new JsonObject
                    {
                        ["id"] = ids[i], ["title"] = TextLimits.Cut(b.Text, MaxRowTitle),
                    })]),
                }),
            },
        }), null);
    }

    /// <summary>A document already uploaded (<c>POST /media</c>), with its name and the caption.</summary>
    public static JsonObject Document(string mediaId, string fileName, string? caption)
    {
        var document = new JsonObject { ["id"] = mediaId, ["filename"] = fileName };
        if (!string.IsNullOrEmpty(caption))
            document["caption"] = caption;
        return new JsonObject { ["type"] = "document", ["document"] = document };
    }

    /// <summary>The common part: who gets it, and our message id for the status webhooks to echo back.</summary>
    public static JsonObject Addressed(JsonObject body, string chatId, string? trackingId)
    {
        var message = new JsonObject { ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual" };
        // A customer with a username may be known to us only by a business-scoped user id (BSUID, "US.1349…"), which is not
        // a phone number. Meta says sending to one is supported; the field's name is taken from a provider's docs
        // ("recipient") and is not verified (docs/channels.md).
        if (PhoneDigits().IsMatch(chatId))
            message["to"] = chatId;
        else
            message["recipient"] = chatId;
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            message[key] = value;
        }
        if (trackingId is not null)
            message["biz_opaque_callback_data"] = trackingId;
        return message;
    }

    private static JsonObject Interactive(JsonObject interactive) => new() { ["type"] = "interactive", ["interactive"] = interactive };

    /// <summary>What the press comes back with: a Callback's payload, a reply button's payload or text, the phone stand-in.</summary>
    private static string IdOf(Button button) =>
        button.Kind == ButtonKind.SharePhone ? WhatsAppWebhook.SharePhoneButtonId : button.Payload ?? button.Text;

    [GeneratedRegex(@"^\+?[0-9]{5,20}$")]
    private static partial Regex PhoneDigits();
}
