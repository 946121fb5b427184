using System.Globalization;
using System.Text.Json;

namespace Bots1C.Domain.EventLog;

/// <summary>
/// What one event says: its <see cref="Code"/> (the page's title, <c>Event.{Code}</c>), an <see cref="English"/> sentence
/// (stored as the message, for search, export and readers of older entries) and the named values the event log page
/// puts into the reader's language (<c>EventDetail.{Code}</c>, or <c>EventDetail.{Code}.{Variant}</c> when one event is
/// worded in more than one way). Built only by the areas' <c>…Events</c> classes (an architecture rule), where the
/// English sentence and the values stand side by side; <c>EventDetailTextsTests</c> checks every one against the texts.
/// </summary>
/// <remarks>Values are stored as text in the invariant culture (numbers plain, times round-trip "O", enums by name,
/// lists joined with commas); the page formats them for the reader by their names. Secrets never go in, as they never
/// go in messages.</remarks>
public sealed class EventDetail : IEquatable<EventDetail>
{
    /// <summary>The argument that picks a variant of the text; not a value shown.</summary>
    public const string VariantArg = "variant";

    private readonly Dictionary<string, string> _args;

    public EventDetail(string code, string english, params (string Name, object? Value)[] args)
        : this(code, null, english, args)
    {
    }

    public EventDetail(string code, string? variant, string english, params (string Name, object? Value)[] args)
    {
        Code = code;
        Variant = variant;
        English = english;
        _args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
            _args.Add(name, EventFieldLimits.Cap(Text(value), EventFieldLimits.ArgValue)!);
    }

    public string Code { get; }
    public string? Variant { get; }
    public string English { get; }
    public IReadOnlyDictionary<string, string> Args => _args;

    /// <summary>The string-table key of the text in the reader's language.</summary>
    public string TextKey => TextKeyOf(Code, Variant);

    public static string TextKeyOf(string code, string? variant) =>
        variant is null ? $"EventDetail.{code}" : $"EventDetail.{code}.{variant}";

    /// <summary>The stored form: the values and the variant as one JSON object.</summary>
    public string ToJson()
    {
        var all = new Dictionary<string, string>(_args, StringComparer.Ordinal);
        if (Variant is not null)
            all[VariantArg] = Variant;
        return JsonSerializer.Serialize(all);
    }

    /// <summary>The stored values back (the variant among them), or null when there are none or they cannot be read.</summary>
    public static Dictionary<string, string>? ReadJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IEnumerable<string> items => string.Join(",", items),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public bool Equals(EventDetail? other) =>
        other is not null && Code == other.Code && Variant == other.Variant && English == other.English
        && _args.Count == other._args.Count && _args.All(a => other._args.TryGetValue(a.Key, out var v) && v == a.Value);

    public override bool Equals(object? obj) => Equals(obj as EventDetail);

    public override int GetHashCode() => HashCode.Combine(Code, Variant, English);

    public override string ToString() => English;
}
