using System.Globalization;
using System.Reflection;
using System.Resources;
using Bots1C.Domain.Diagnostics;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary>Every problem a step can name has its title and its fix in plain words, in English and in Russian.</summary>
public class DiagnosticTextsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ru")]
    public void Every_problem_has_its_title_and_fix_in_both_languages(string culture)
    {
        var resources = new ResourceManager("Bots1C.Web.Resources.SharedResource", typeof(Bots1C.Web.Resources.SharedResource).Assembly);
        var problems = new[] { typeof(DiagnosticProblems), typeof(CertificateProblems) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var steps = Enum.GetValues<DiagnosticStep>().Select(s => $"Diag.Step.{s}");
        var missing = problems.SelectMany(p => new[] { $"Diag.Problem.{p}", $"Diag.Fix.{p}" }).Concat(steps)
            .Where(key => resources.GetString(key, CultureInfo.GetCultureInfo(culture)) is null
                          || culture == "ru" && resources.GetString(key, CultureInfo.GetCultureInfo(culture)) == resources.GetString(key, CultureInfo.InvariantCulture))
            .ToList();

        Assert.True(problems.Count > 30, "the problem lists were not found");
        Assert.Empty(missing);
    }
}
