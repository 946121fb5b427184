using System.Reflection;
using System.Xml.Linq;
using Bots1C.Domain.Counterparties.Sync;
using Bots1C.Domain.Diagnostics;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Licensing;
using Bots1C.Web.Features.Admin.EventLog;

namespace Bots1C.Tests.Web.EventLog;

/// <summary>
/// Every event the app can write, in every wording, has a title and a detail text in both languages, and each text uses
/// exactly the values its writer passes: a text with a hole no writer fills would fall back to English, a value no text
/// shows would be lost to the reader. The events are not guessed from the sources: every writer builds its
/// <see cref="EventDetail"/> in an area's <c>…Events</c> class (an architecture rule), and each of their methods is called
/// here with sample values covering every branch (each enum value, null and not null, true and false).
/// </summary>
public class EventDetailTextsTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.ru.resx")]
    public void Every_event_has_a_title_and_a_detail_text_that_uses_exactly_the_values_its_writer_passes(string file)
    {
        var texts = Texts(file);
        var details = AllDetails().ToList();
        var problems = new List<string>();
        foreach (var detail in details.DistinctBy(d => (d.TextKey, string.Join(",", d.Args.Keys.Order()))))
        {
            if (!texts.ContainsKey($"Event.{detail.Code}"))
                problems.Add($"Event.{detail.Code}: no title");
            if (!texts.TryGetValue(detail.TextKey, out var text))
            {
                problems.Add($"{detail.TextKey}: no text (values: {string.Join(", ", detail.Args.Keys)})");
                continue;
            }
            var holes = EventDetailText.HolesOf(text);
            if (!holes.SetEquals(detail.Args.Keys))
                problems.Add($"{detail.TextKey}: the text uses {{{string.Join("}, {", holes.Order())}}}, the writer passes {{{string.Join("}, {", detail.Args.Keys.Order())}}}");
        }

        Assert.True(details.Select(d => d.Code).Distinct().Count() > 60, "too few events found: are the …Events classes still found?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every detail every …Events method can build, with samples for each of its parameters.</summary>
    public static IEnumerable<EventDetail> AllDetails() =>
        new[] { typeof(EventDetail).Assembly, typeof(EventDetailText).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Events", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(EventDetail))
            .SelectMany(m => Combinations(m.GetParameters()).Select(args => (EventDetail)m.Invoke(null, args)!));

    private static IEnumerable<object?[]> Combinations(ParameterInfo[] parameters) =>
        parameters.Aggregate((IEnumerable<object?[]>)[[]], (sofar, p) => sofar.SelectMany(args => Samples(p).Select(v => (object?[])[.. args, v])));

    private static readonly NullabilityInfoContext Nullability = new();

    private static IEnumerable<object?> Samples(ParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        IEnumerable<object?> values = type switch
        {
            _ when type == typeof(string) => ["Sample"],
            _ when type == typeof(int) => [2],
            _ when type == typeof(long) => [7L],
            _ when type == typeof(bool) => [false, true],
            _ when type == typeof(DateTimeOffset) => [new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero)],
            _ when type.IsEnum => Enum.GetValues(type).Cast<object?>(),
            _ when type == typeof(Exception) => [new InvalidOperationException("Sample")],
            _ when type == typeof(IEnumerable<string>) || type == typeof(IReadOnlyList<string>) => [new[] { "Administrator", "Operator" }, Array.Empty<string>()],
            _ when type == typeof(SyncProgress) => [new SyncProgress(5, 1, 2, 0)],
            _ when type == typeof(LicenseRefusal) => Enum.GetValues<LicenseError>()
                .SelectMany(e => new[] { new LicenseRefusal(e, 3, "example.ru", "Telegram", "HTTP 404"), new LicenseRefusal(e) })
                .Concat(Enum.GetValues<KeyCheck>().Select(LicenseRefusal.InvalidKey)),
            _ when type == typeof(IReadOnlyList<StepResult>) =>
            [
                Array.Empty<StepResult>(),
                new[] { StepResult.Pass(DiagnosticStep.Installation), StepResult.Warn(DiagnosticStep.Certificate, "CertificateExpiresSoon") },
                new[] { StepResult.Fail(DiagnosticStep.OutsideReach, "PublicAddressInvalid") },
            ],
            _ => throw new InvalidOperationException($"No samples for {type.Name} ({p.Member.DeclaringType!.Name}.{p.Member.Name}): add them here."),
        };
        if (p.HasDefaultValue && !values.Contains(p.DefaultValue))
            values = values.Append(p.DefaultValue);
        return p.ParameterType.IsValueType && type != p.ParameterType || !p.ParameterType.IsValueType && Nullability.Create(p).WriteState == NullabilityState.Nullable
            ? values.Append(null)
            : values;
    }

    public static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "Bots1C.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
            dir = dir.Parent ?? throw new InvalidOperationException("Bots1C.sln not found above the test binaries");
        return dir.FullName;
    }
}
