using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bots1C.Tests.Web.Localization;

/// <summary>The event log shows each event's title in the reader's language; a code without one would show as the raw
/// code ("ScenarioPrintFormMissing") to a Russian administrator. The codes are read from the sources that write them.</summary>
public partial class EventTitlesTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.ru.resx")]
    public void Every_event_code_the_app_writes_has_a_title(string file)
    {
        var root = RepositoryRoot();
        var titles = XDocument.Load(Path.Combine(root, "Bots1C.Web", "Resources", file)).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).Where(n => n.StartsWith("Event.", StringComparison.Ordinal)).ToHashSet();
        var sources = new[] { "Bots1C.Domain", "Bots1C.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".razor")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText).ToList();

        var codes = sources.SelectMany(s => WrittenCode().Matches(s).Select(m => m.Groups[1].Value))
            // The scenario runner's warnings are written as "Scenario" + their code.
            .Concat(sources.SelectMany(s => ScenarioWarning().Matches(s).Select(m => "Scenario" + m.Groups[1].Value)))
            .Distinct().ToList();

        Assert.True(codes.Count > 30, $"only {codes.Count} codes found: the pattern no longer matches how events are written");
        Assert.All(codes, code => Assert.Contains($"Event.{code}", titles));
    }

    [GeneratedRegex(@"EventSources\.\w+,\s*""(\w+)""(?!\s*\+)")]
    private static partial Regex WrittenCode();

    [GeneratedRegex(@"\bWarn\(""(\w+)""")]
    private static partial Regex ScenarioWarning();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
            dir = dir.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        return dir.FullName;
    }
}
