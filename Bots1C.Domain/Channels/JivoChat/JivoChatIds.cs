namespace Bots1C.Domain.Channels.JivoChat;

/// <summary>
/// One Jivo chat in this app's terms. Jivo names a chat by <c>chat_id</c> and its customer by <c>client_id</c>, and every
/// event we send must carry both; the app keeps one id per chat (the contact's, the conversation's and the outbox's), so
/// the two travel together as <c>{chat_id}/{client_id}</c>. A <c>client_id</c> with a '/' is refused (Jivo's are digits).
/// </summary>
public static class JivoChatIds
{
    /// <summary>The app's column for a chat holds 128 characters.</summary>
    public const int MaxLength = 128;

    public static string? Compose(string chatId, string clientId) =>
        chatId.Length == 0 || clientId.Length == 0 || clientId.Contains('/') || chatId.Length + clientId.Length + 1 > MaxLength
            ? null
            : $"{chatId}/{clientId}";

    public static (string ChatId, string ClientId)? Split(string composed)
    {
        var slash = composed.LastIndexOf('/');
        return slash > 0 && slash < composed.Length - 1 ? (composed[..slash], composed[(slash + 1)..]) : null;
    }
}
