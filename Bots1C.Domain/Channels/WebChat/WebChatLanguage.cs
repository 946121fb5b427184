using System.Text.RegularExpressions;

namespace Bots1C.Domain.Channels.WebChat;

/// <summary>
/// The web-chat visitor's language, stored on the contact like Telegram's <c>language_code</c>: the window sends the
/// browser's <c>navigator.language</c>; without it, the first language of the request's <c>Accept-Language</c>. Only a short
/// BCP-47 tag (<c>ru</c>, <c>en-GB</c>, <c>zh-Hant-TW</c>) is taken; anything else counts as unknown rather than refusing
/// the visitor's message, since it is only a hint for the answer's language.
/// </summary>
public static partial class WebChatLanguage
{
    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex ShortTag();

    public static string? Of(string? browserLanguage, string? acceptLanguage) =>
        Valid(browserLanguage) ?? Valid(acceptLanguage?.Split(',')[0].Split(';')[0]);

    public static string? Valid(string? tag) =>
        tag?.Trim() is { Length: > 0 and <= 16 } t && ShortTag().IsMatch(t) ? t : null;
}
