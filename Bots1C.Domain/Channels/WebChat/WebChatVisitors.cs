using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace Bots1C.Domain.Channels.WebChat;

/// <summary>
/// Who is writing in the chat window. The visitor keeps a signed token in their browser; only this app can
/// make one, and a token is valid for the bot it was made for only.
/// </summary>
public partial class WebChatVisitors(IDataProtectionProvider provider)
{
    /// <summary>A short tag that tells nameless visitors apart ("3f2a" of <c>v_3f2a…</c>), for a readable name such as
    /// "Visitor 3f2a"; null when <paramref name="id"/> is not a visitor id (a name, another messenger's user).</summary>
    public static string? TagOf(string? id) => id is not null && VisitorId().IsMatch(id) ? id[2..6] : null;

    [GeneratedRegex("^v_[0-9a-f]{24}$")]
    private static partial Regex VisitorId();

    private readonly IDataProtector _protector = provider.CreateProtector("Bots1C.WebChat.Visitor.v1");

    public (string VisitorId, string Token) NewVisitor(long botId)
    {
        var visitorId = "v_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return (visitorId, _protector.Protect($"{botId}:{visitorId}"));
    }

    /// <summary>The visitor id, or null for a forged, damaged or other bot's token.</summary>
    public string? VisitorOf(long botId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            return null;
        try
        {
            var parts = _protector.Unprotect(token).Split(':', 2);
            return parts.Length == 2 && parts[0] == botId.ToString() ? parts[1] : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null; // damaged or forged
        }
    }
}
