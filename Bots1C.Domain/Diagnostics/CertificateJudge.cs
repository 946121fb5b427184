using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Bots1C.Domain.Diagnostics;

/// <summary>The original's list of certificate problems, plus the ones a chain check can name.</summary>
public static class CertificateProblems
{
    public const string Expired = "CertificateExpired";
    public const string NotYetValid = "CertificateNotYetValid";
    public const string ExpiresSoon = "CertificateExpiresSoon";
    public const string WrongDomain = "CertificateWrongDomain";
    public const string DomainNotSubdomain = "CertificateDomainNotSubdomain";
    public const string IpInsteadOfDomain = "CertificateIpInsteadOfDomain";
    public const string MissingIntermediate = "CertificateMissingIntermediate";
    public const string SelfSigned = "CertificateSelfSigned";
    public const string UntrustedRoot = "CertificateUntrustedRoot";
}

/// <summary>What was found wrong with a server's certificates: failures first, in the order they should be fixed.</summary>
public sealed record CertificateFindings(IReadOnlyList<string> Failures, IReadOnlyList<string> Warnings, int ChainLength)
{
    public bool Trusted => Failures.Count == 0;
}

/// <summary>Judges the certificates a server sent (leaf first, as on the wire) for one host, without any network.</summary>
public sealed class CertificateJudge(CertificateTrust trust)
{
    public CertificateFindings Judge(string host, IReadOnlyList<X509Certificate2> sent, DateTimeOffset now, int warningDays)
    {
        var leaf = sent[0];
        var failures = new List<string>();
        var warnings = new List<string>();

        if (now.UtcDateTime > leaf.NotAfter.ToUniversalTime())
            failures.Add(CertificateProblems.Expired);
        else if (now.UtcDateTime < leaf.NotBefore.ToUniversalTime())
            failures.Add(CertificateProblems.NotYetValid);
        else if (now.UtcDateTime.AddDays(warningDays) > leaf.NotAfter.ToUniversalTime())
            warnings.Add(CertificateProblems.ExpiresSoon);

        // Dates are judged above; the chain is judged at a moment the leaf is valid, so an expired leaf is not also "untrusted".
        var chainTime = now.UtcDateTime > leaf.NotAfter.ToUniversalTime() || now.UtcDateTime < leaf.NotBefore.ToUniversalTime()
            ? new DateTimeOffset(leaf.NotBefore.ToUniversalTime().AddSeconds(1), TimeSpan.Zero)
            : now;
        using var chain = new X509Chain { ChainPolicy = trust.Policy(sent.Skip(1), chainTime) };
        chain.Build(leaf);
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) & ~X509ChainStatusFlags.NotTimeValid;
        var built = chain.ChainElements.Select(e => e.Certificate).ToList();
        var selfSigned = leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData);
        var sentThumbprints = sent.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // An intermediate in the built chain that the server did not send came from a local store: a client elsewhere lacks it.
        var borrowed = built.Skip(1).Where(c => !IsRoot(c)).Any(c => !sentThumbprints.Contains(c.Thumbprint));

        if (selfSigned && built.Count == 1 && status != X509ChainStatusFlags.NoError)
            failures.Add(CertificateProblems.SelfSigned);
        else if (borrowed || status.HasFlag(X509ChainStatusFlags.PartialChain) && !IsCa(built[^1]))
            failures.Add(CertificateProblems.MissingIntermediate);
        else if (status != X509ChainStatusFlags.NoError)
            failures.Add(CertificateProblems.UntrustedRoot);

        if (HostProblem(leaf, host) is { } hostProblem)
            failures.Add(hostProblem);
        return new CertificateFindings(failures, warnings, built.Count);
    }

    /// <summary>Null when the certificate is for this host; otherwise which of the original's host mistakes it is.</summary>
    public static string? HostProblem(X509Certificate2 leaf, string host)
    {
        if (leaf.MatchesHostname(host, allowWildcards: true, allowCommonName: false))
            return null;
        if (IPAddress.TryParse(host, out _))
            return CertificateProblems.IpInsteadOfDomain;
        var names = DnsNames(leaf);
        foreach (var name in names)
        {
            var domain = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
            // Issued for example.ru (or *.example.ru) while the webhook is on bot.example.ru (or shop.bot.example.ru), or the other way round.
            if (host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase) || string.Equals(host, domain, StringComparison.OrdinalIgnoreCase))
                return CertificateProblems.DomainNotSubdomain;
        }
        return CertificateProblems.WrongDomain;
    }

    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
            return [];
        return [.. extension.EnumerateDnsNames(), .. extension.EnumerateIPAddresses().Select(a => a.ToString())];
    }

    private static bool IsRoot(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);

    private static bool IsCa(X509Certificate2 c) =>
        c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true };
}
