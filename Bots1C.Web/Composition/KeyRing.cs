using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Bots1C.Domain.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bots1C.Web.Composition;

public enum KeyStore
{
    /// <summary>The data folder's keys/ (one instance, or several sharing the folder).</summary>
    Folder,
    /// <summary>The database, each key encrypted with a certificate every instance has (several machines).</summary>
    Database,
}

/// <summary>Bound from <c>Bots1C:DataProtection</c>.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Bots1C:DataProtection";

    public KeyStore Keys { get; set; } = KeyStore.Folder;

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; required with <see cref="KeyStore.Database"/>.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// Where Data Protection keeps its keys, which encrypt the bot tokens, 1C passwords and sign-in cookies. Several instances
/// on several machines must share them, so they can live in the database; there they are encrypted with a certificate
/// that is not in the database, or a copy of the database alone would open every secret in it. A setting that cannot
/// work is reported at start (<see cref="Problem"/>) in words, instead of an exception from deep inside the first request.
/// </summary>
public sealed class KeyRing
{
    private const string DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    private KeyRing(KeyRingOptions options, X509Certificate2? certificate, string? problem)
    {
        Options = options;
        Certificate = certificate;
        Problem = problem;
    }

    public KeyRingOptions Options { get; }

    public X509Certificate2? Certificate { get; }

    /// <summary>What is wrong with the settings, naming the setting to fix; null when they work.</summary>
    public string? Problem { get; }

    public static KeyRing Configure(IServiceCollection services, IConfiguration configuration, DataFolder dataFolder)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName("Bots1C");
        KeyRing ring;
        if (options.Keys == KeyStore.Folder)
        {
            // Keys live with the data so sign-in cookies and the encrypted bot tokens survive restarts.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(dataFolder.File(DataFolder.KeysFolder)));
            ring = new KeyRing(options, null, null);
        }
        else if (LoadCertificate(options, out var problem) is { } certificate)
        {
            dataProtection.PersistKeysToDbContext<Bots1CDbContext>()
                .ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate(certificate);
            ring = new KeyRing(options, certificate, null);
        }
        else
        {
            // Nothing is persisted until the start-up check has refused to go on.
            ring = new KeyRing(options, null, problem);
        }
        services.AddSingleton(ring);
        return ring;
    }

    private static X509Certificate2? LoadCertificate(KeyRingOptions options, out string? problem)
    {
        const string pathSetting = KeyRingOptions.Section + ":CertificatePath";
        problem = null;
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            problem = $"{KeyRingOptions.Section}:Keys is Database, but {pathSetting} is empty: the keys in the database are encrypted with a certificate (a .pfx file every instance has, never in the database). docs/scaling.md says how to make one.";
            return null;
        }
        if (!File.Exists(options.CertificatePath))
        {
            problem = $"{pathSetting}: there is no file {options.CertificatePath}.";
            return null;
        }
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                problem = $"{pathSetting}: {options.CertificatePath} holds no RSA private key; Data Protection encrypts keys with an RSA certificate and its key.";
                return null;
            }
            return certificate;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // The message says "wrong password" or "not a PKCS#12 file"; it never contains the password.
            problem = $"{pathSetting}: {options.CertificatePath} cannot be read ({e.Message.TrimEnd('.')}); check the file and {KeyRingOptions.Section}:CertificatePassword.";
            return null;
        }
    }

    /// <summary>
    /// Switching an installation to keys in the database: what the folder's keys encrypted (tokens, passwords, cookies)
    /// must still open, so while the database holds no key yet, the folder's keys are copied in, encrypted with the
    /// certificate on the way. Returns how many were copied.
    /// </summary>
    public async Task<int> MoveFolderKeysIntoDatabaseAsync(Bots1CDbContext db, DataFolder dataFolder, CancellationToken ct = default)
    {
        if (Options.Keys != KeyStore.Database || Certificate is null)
            return 0;
        var folder = dataFolder.File(DataFolder.KeysFolder);
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(ct))
            return 0;
        var encryptor = new CertificateXmlEncryptor(Certificate, NullLoggerFactory.Instance);
        var moved = 0;
        foreach (var file in Directory.GetFiles(folder, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var key = XElement.Load(file);
            Encrypt(key, encryptor);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = key.ToString(SaveOptions.DisableFormatting) });
            moved++;
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }

    /// <summary>What Data Protection does to a key it makes: every element marked <c>requiresEncryption</c> (the master
    /// key) is replaced by its encrypted form, which names the decryptor to use.</summary>
    private static void Encrypt(XElement key, IXmlEncryptor encryptor)
    {
        var requiresEncryption = XName.Get("requiresEncryption", DataProtectionNamespace);
        foreach (var secret in key.Descendants().Where(e => (bool?)e.Attribute(requiresEncryption) == true).ToList())
        {
            var encrypted = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(XName.Get("encryptedSecret", DataProtectionNamespace),
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }
    }
}
