using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bots1C.Tests.Domain.Diagnostics;

/// <summary>A private certificate authority for one test: root → intermediate → leaves (ECDSA P-256, fast to make).</summary>
public sealed class TestCertificates
{
    public X509Certificate2 Root { get; }
    public X509Certificate2 Intermediate { get; }

    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        Root = Authority("Bots1C Test Root", null, now.AddDays(-400), now.AddYears(5));
        Intermediate = Authority("Bots1C Test Intermediate", Root, now.AddDays(-365), now.AddYears(4));
    }

    public X509Certificate2 Leaf(string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForEndEntity());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-10);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(90);
        using var issued = request.Create(Intermediate, from, to, RandomNumberGenerator.GetBytes(8));
        return Exportable(issued.CopyWithPrivateKey(key));
    }

    public static X509Certificate2 SelfSigned(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return Exportable(made);
    }

    private static X509Certificate2 Authority(string name, X509Certificate2? issuer, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(issuer is null
            ? X509BasicConstraintsExtension.CreateForCertificateAuthority(null)
            : X509BasicConstraintsExtension.CreateForCertificateAuthority(0));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
            return Exportable(request.CreateSelfSigned(from, to));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(8));
        return Exportable(issued.CopyWithPrivateKey(key));
    }

    // Ephemeral keys cannot serve TLS on Linux's OpenSSL path reliably; a PKCS#12 round trip gives a usable key.
    private static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
