using Microsoft.AspNetCore.DataProtection;

namespace Bots1C.Domain.Bots;

/// <summary>Encrypts bot tokens at rest with the app's Data Protection keys (kept in the data folder).</summary>
public class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Bots1C.BotToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) =>
        string.IsNullOrEmpty(protectedToken) ? "" : _protector.Unprotect(protectedToken);

    public static string Hint(string token) => token.Length <= 4 ? "" : token[^4..];

    /// <summary>How a stored token is shown: never in full.</summary>
    public static string Mask(string hint) => string.IsNullOrEmpty(hint) ? "" : $"••••••••{hint}";
}
