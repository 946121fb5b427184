using System.Security.Cryptography;

namespace Bots1C.Domain.Bots;

public static class BotKeys
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>32 url-safe characters (192 bits): the webhook path segment nobody can guess.</summary>
    public static string NewBotKey() => RandomNumberGenerator.GetString(UrlSafe, 32);

    /// <summary>Telegram's secret_token allows 1–256 of A-Z a-z 0-9 _ -.</summary>
    public static string NewWebhookSecret() => RandomNumberGenerator.GetString(UrlSafe, 48);
}
