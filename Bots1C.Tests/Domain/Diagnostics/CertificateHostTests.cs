using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bots1C.Domain.Diagnostics;

namespace Bots1C.Tests.Domain.Diagnostics;

/// <summary>The original's host-name mistakes, named from the certificate's names alone.</summary>
public class CertificateHostTests
{
    private static X509Certificate2 For(params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    [Theory]
    [InlineData("bot.example.ru", "bot.example.ru", null)]
    [InlineData("*.example.ru", "bot.example.ru", null)]
    [InlineData("example.ru", "bot.example.ru", CertificateProblems.DomainNotSubdomain)]
    [InlineData("*.example.ru", "a.bot.example.ru", CertificateProblems.DomainNotSubdomain)]
    [InlineData("*.example.ru", "example.ru", CertificateProblems.DomainNotSubdomain)]
    [InlineData("bot.example.ru", "203.0.113.10", CertificateProblems.IpInsteadOfDomain)]
    [InlineData("shop.other.ru", "bot.example.ru", CertificateProblems.WrongDomain)]
    public void Names_the_host_problem(string certificateName, string webhookHost, string? problem) =>
        Assert.Equal(problem, CertificateJudge.HostProblem(For(certificateName), webhookHost));
}
