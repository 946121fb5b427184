using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bots1C.Domain.Licensing;

public enum KeyCheck
{
    Valid,
    /// <summary>Not two base64url parts, or the payload is not a license.</summary>
    Malformed,
    /// <summary>No key we trust signed it, or the payload was changed after signing.</summary>
    BadSignature,
    Expired,
    /// <summary>A test key made for another installation.</summary>
    OtherInstallation,
    /// <summary>A test key claiming more than a test license may have.</summary>
    TestGrantsTooMuch,
}

public sealed record KeyVerification(KeyCheck Check, LicenseDocument? License);

/// <summary>
/// License keys: a JSON payload and its ECDSA P-256 (SHA-256) signature, each base64url, joined by a dot. Working keys
/// are signed by the vendor; the app verifies them offline against the vendor public keys it ships with. Test keys are
/// signed by the installation itself and can never grant more than a test license's fixed limits.
/// </summary>
public static class LicenseKeys
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Sign(LicenseDocument license, ECDsa privateKey)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(license, Json);
        var signature = privateKey.SignData(payload, HashAlgorithmName.SHA256);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    /// <param name="trusted">Public keys by id: the shipped vendor keys, plus this installation's own for test keys.</param>
    public static KeyVerification Verify(string? key, IReadOnlyDictionary<string, ECDsa> trusted, string installationId, DateTimeOffset now)
    {
        var parts = (key ?? "").Trim().Split('.');
        if (parts.Length != 2)
            return new(KeyCheck.Malformed, null);
        byte[] payload, signature;
        LicenseDocument? license;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[0]);
            signature = Base64Url.DecodeFromChars(parts[1]);
            license = JsonSerializer.Deserialize<LicenseDocument>(payload, Json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new(KeyCheck.Malformed, null);
        }
        if (license is null || string.IsNullOrEmpty(license.Id))
            return new(KeyCheck.Malformed, null);
        // Working keys are only ever trusted with a vendor key; test keys with the installation's own key or, when a
        // license server issued them, a vendor key (still bound to this installation and its fixed limits).
        var keyId = license.KeyId;
        if (license.Type == LicenseType.Working && keyId == LicenseDocument.InstallationKeyId
            || !trusted.TryGetValue(keyId, out var publicKey)
            || !publicKey.VerifyData(payload, signature, HashAlgorithmName.SHA256))
            return new(KeyCheck.BadSignature, license);
        if (license.Type == LicenseType.Test)
        {
            if (license.InstallationId != installationId)
                return new(KeyCheck.OtherInstallation, license);
            if (license.ActiveBots is not { } bots || bots > LicenseDocument.TestActiveBots
                || license.ContactsPerBot is not { } contacts || contacts > LicenseDocument.TestContactsPerBot)
                return new(KeyCheck.TestGrantsTooMuch, license);
        }
        if (license.ExpiresAt is { } expires && expires <= now)
            return new(KeyCheck.Expired, license);
        return new(KeyCheck.Valid, license);
    }

    /// <summary>A fresh P-256 key pair, e.g. for the vendor (<c>license keygen</c>) or an installation's test keys.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PublicPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();

    public static string PrivatePem(ECDsa key) => key.ExportPkcs8PrivateKeyPem();

    public static ECDsa FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    /// <summary>A test license for this installation, signed by its own key: one click, offline.</summary>
    public static LicenseDocument TestLicense(string installationId, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), LicenseType.Test, null, null, null, installationId, now, null, null,
            LicenseDocument.TestActiveBots, LicenseDocument.TestContactsPerBot) { KeyId = LicenseDocument.InstallationKeyId };
}
