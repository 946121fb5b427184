using System.Xml.Linq;
using Bots1C.Tests.Web.EventLog;

namespace Bots1C.Tests.Web.Localization;

/// <summary>The event log shows each event's title in the reader's language; a code without one would show as the raw
/// code ("ScenarioPrintFormMissing") to a Russian administrator. The codes are those the areas' …Events classes build
/// (every writer builds its event there), called with samples covering every branch.</summary>
public class EventTitlesTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.ru.resx")]
    public void Every_event_code_the_app_writes_has_a_title(string file)
    {
        var titles = EventDetailTextsTests.Texts(file).Keys.Where(n => n.StartsWith("Event.", StringComparison.Ordinal)).ToHashSet();

        var codes = EventDetailTextsTests.AllDetails().Select(d => d.Code).Distinct().ToList();

        Assert.True(codes.Count > 30, $"only {codes.Count} codes found: the …Events classes are no longer found");
        Assert.All(codes, code => Assert.Contains($"Event.{code}", titles));
    }
}
