using System.Globalization;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bots1C.Domain.Channels.Telegram;

/// <summary>Turns a stored Telegram update into our events, through Telegram.Bot's own model so new
/// Bot API fields never break us.</summary>
internal sealed class TelegramUpdateParser(TimeProvider clock)
{
    public IReadOnlyList<InboundEvent> Parse(ReadOnlySpan<byte> body)
    {
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException e)
        {
            // Valid JSON with an update id (the webhook checked that), but not what the Bot API sends: a number where
            // text belongs, an id beyond its range. The path in the message says where.
            throw new UnreadableUpdateException($"Not a Telegram update: {e.Message}", e);
        }
        if (update is null)
            throw new UnreadableUpdateException("Not a Telegram update: the body is null.");
        // The Bot API always names the chat of a message and the sender of a press; without them there is no one to answer.
        if ((update.Message ?? update.EditedMessage) is { Chat: null })
            throw new UnreadableUpdateException("Not a Telegram update: a message without a chat.");
        if (update.CallbackQuery is { From: null })
            throw new UnreadableUpdateException("Not a Telegram update: a button press without a sender.");
        if (update.MyChatMember is { Chat: null } or { NewChatMember: null } or { From: null })
            throw new UnreadableUpdateException("Not a Telegram update: a membership change without its chat or member.");

        return update switch
        {
            { Message: { } message } => [FromMessage(message, update)],
            { EditedMessage: { } edited } => [Edited(edited)],
            { CallbackQuery: { } query } => [ButtonPress(query)],
            { MyChatMember: { } membership } => [Membership(membership, update)],
            _ => [Service(update, ChatOf(update), update.Type)],
        };
    }

    private InboundEvent FromMessage(Message message, Update update)
    {
        var basis = Basis(InboundKind.Text, message);
        if (message.Contact is { } contact)
            return basis with
            {
                Kind = InboundKind.ContactShared,
                // Anyone can forward someone else's card; only Telegram's own user_id proves the number is the sender's.
                Contact = new SharedContact(contact.PhoneNumber, contact.FirstName, contact.LastName,
                    IsOwn: contact.UserId is { } owner && message.From is { } from && owner == from.Id),
            };
        if (message.Document is { } document)
            return basis with
            {
                Kind = InboundKind.File,
                Text = message.Caption,
                File = new InboundFile(document.FileId, document.FileName, document.MimeType, document.FileSize, IsImage: false),
            };
        if (message.Photo is { Length: > 0 } sizes)
        {
            // Telegram sends every resolution it made; the largest is the original.
            var largest = sizes.MaxBy(p => (long)p.Width * p.Height)!;
            return basis with
            {
                Kind = InboundKind.File,
                Text = message.Caption,
                File = new InboundFile(largest.FileId, FileName: null, MimeType: null, largest.FileSize, IsImage: true),
            };
        }
        if (message.Text is { } text)
            return basis with { Text = text };
        return Service(update, basis.ChatId, UpdateType.Message) with { Sender = basis.Sender, ExternalMessageId = basis.ExternalMessageId, OccurredAt = basis.OccurredAt };
    }

    private InboundEvent Edited(Message message) =>
        Basis(InboundKind.Edited, message) with { Text = message.Text ?? message.Caption };

    private InboundEvent ButtonPress(CallbackQuery query)
    {
        // The message is absent for inline-mode buttons and "inaccessible" (date 0) when it is too old; either way the user is the chat.
        var message = query.Message;
        var chatId = message is { Chat: { } chat } && chat.Id != 0 ? Id(chat.Id) : Id(query.From.Id);
        return new InboundEvent(InboundKind.ButtonPress, chatId, clock.GetUtcNow())
        {
            Sender = SenderOf(query.From),
            ExternalMessageId = message is { Id: not 0 } ? Id(message.Id) : null,
            CallbackId = query.Id,
            ButtonData = query.Data,
        };
    }

    private InboundEvent Membership(ChatMemberUpdated membership, Update update)
    {
        var kind = membership.NewChatMember.Status switch
        {
            ChatMemberStatus.Kicked => InboundKind.Blocked,
            ChatMemberStatus.Member => InboundKind.Unblocked,
            _ => InboundKind.Service,
        };
        return new InboundEvent(kind, Id(membership.Chat.Id), At(membership.Date))
        {
            Sender = SenderOf(membership.From),
            ServiceName = kind == InboundKind.Service ? Name(update.Type) : null,
        };
    }

    private InboundEvent Service(Update update, string chatId, UpdateType type) =>
        new(InboundKind.Service, chatId, clock.GetUtcNow()) { ServiceName = Name(type), Sender = UserOf(update) is { } user ? SenderOf(user) : null };

    private InboundEvent Basis(InboundKind kind, Message message) =>
        new(kind, Id(message.Chat.Id), At(message.Date))
        {
            Sender = message.From is { } from ? SenderOf(from) : null,
            ExternalMessageId = Id(message.Id),
        };

    private DateTimeOffset At(DateTime date) =>
        date == default ? clock.GetUtcNow() : new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));

    private static string ChatOf(Update update) =>
        update switch
        {
            { ChannelPost.Chat.Id: var id } => Id(id),
            { EditedChannelPost.Chat.Id: var id } => Id(id),
            { ChatMember.Chat.Id: var id } => Id(id),
            { ChatJoinRequest.Chat.Id: var id } => Id(id),
            _ => UserOf(update) is { } user ? Id(user.Id) : "",
        };

    private static User? UserOf(Update update) =>
        update.InlineQuery?.From ?? update.ChosenInlineResult?.From ?? update.ShippingQuery?.From
        ?? update.PreCheckoutQuery?.From ?? update.PollAnswer?.User ?? update.ChatMember?.From
        ?? update.ChatJoinRequest?.From ?? update.ChannelPost?.From ?? update.EditedChannelPost?.From
        ?? update.Message?.From;

    private static Sender SenderOf(User user) =>
        new(Id(user.Id), user.FirstName, user.LastName, user.Username, user.LanguageCode);

    // Telegram's own name for the kind ("inline_query"), as it appears in allowed_updates.
    private static string Name(UpdateType type) => JsonSerializer.Serialize(type, JsonBotAPI.Options).Trim('"');

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
