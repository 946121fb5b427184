using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bots1C.Domain.Files;

/// <summary>
/// Signed, expiring links to stored files under a bot's public address. Viber (and the web chat) fetch files
/// by URL; a link cannot be guessed, altered to another file, or used after it expires.
/// </summary>
public class FileLinks(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Bots1C.FileLink.v1").ToTimeLimitedDataProtector();

    public string Token(long fileId) => _protector.Protect(fileId.ToString(), clock.GetUtcNow() + Lifetime);

    public string Url(string publicBaseUrl, long fileId) => $"{publicBaseUrl.TrimEnd('/')}/files/{Token(fileId)}";

    /// <summary>The file a token points to, or null when it is forged, damaged or expired.</summary>
    public long? FileOf(string token)
    {
        try
        {
            // The protector checks expiry against the wall clock, which is what a downloader lives by.
            return long.TryParse(_protector.Unprotect(token, out _), out var id) ? id : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
