using Telegram.Bot.Types.ReplyMarkups;

namespace Bots1C.Domain.Channels.Telegram;

/// <summary>Our buttons as Telegram keyboards.</summary>
internal static class TelegramMarkup
{
    /// <summary>A Telegram message carries one keyboard. When a message mixes kinds, the reply keyboard wins:
    /// it is the one that asks for the phone, and the scenario cannot go on without it.</summary>
    public static ReplyMarkup? For(IReadOnlyList<Button> buttons)
    {
        var reply = buttons.Where(b => b.Kind is ButtonKind.Reply or ButtonKind.SharePhone).ToList();
        if (reply.Count > 0)
            return new ReplyKeyboardMarkup(reply.Select(b => new[]
            {
                b.Kind == ButtonKind.SharePhone ? KeyboardButton.WithRequestContact(b.Text) : new KeyboardButton(b.Text),
            }))
            {
                ResizeKeyboard = true,
                OneTimeKeyboard = true,
            };

        var inline = buttons.Where(b => b.Kind is ButtonKind.Callback or ButtonKind.OpenUrl).ToList();
        if (inline.Count > 0)
            return new InlineKeyboardMarkup(inline.Select(b => new[]
            {
                b.Kind == ButtonKind.OpenUrl
                    ? InlineKeyboardButton.WithUrl(b.Text, b.Payload ?? b.Text)
                    : InlineKeyboardButton.WithCallbackData(b.Text, b.Payload ?? b.Text),
            }));

        return null;
    }
}
