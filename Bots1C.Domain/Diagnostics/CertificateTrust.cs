using System.Security.Cryptography.X509Certificates;

namespace Bots1C.Domain.Diagnostics;

/// <summary>
/// Which roots the certificate checks trust: the system's, as the messengers do. A test (or a company with its own CA
/// for an internal web chat) registers its roots here instead; validation itself is never switched off.
/// </summary>
public sealed class CertificateTrust(params X509Certificate2[] customRoots)
{
    public IReadOnlyList<X509Certificate2> CustomRoots { get; } = customRoots;

    public X509ChainPolicy Policy(IEnumerable<X509Certificate2> intermediates, DateTimeOffset at)
    {
        var policy = new X509ChainPolicy
        {
            // Downloads would fetch missing intermediates (and cache them), hiding exactly the mistake we look for.
            DisableCertificateDownloads = true,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = at.UtcDateTime,
            TrustMode = CustomRoots.Count > 0 ? X509ChainTrustMode.CustomRootTrust : X509ChainTrustMode.System,
        };
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        foreach (var root in CustomRoots)
            policy.CustomTrustStore.Add(root);
        foreach (var intermediate in intermediates)
            policy.ExtraStore.Add(intermediate);
        return policy;
    }
}
