using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Bots1C.Domain.Scenarios;

/// <summary>JSON paths (<c>$.order.number</c>, <c>items[0].sum</c>) into an HTTP answer, evaluated by Json.NET.</summary>
public static class JsonPaths
{
    public static bool IsValid(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 200)
            return false;
        try
        {
            new JObject().SelectToken(path.Trim());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The value at the path as text (objects and arrays as compact JSON), or null when absent.</summary>
    public static string? Read(JToken document, string path)
    {
        try
        {
            return document.SelectToken(path.Trim()) switch
            {
                null or { Type: JTokenType.Null or JTokenType.Undefined } => null,
                JValue { Value: IFormattable number } value when value.Type is JTokenType.Float or JTokenType.Integer =>
                    number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                JValue { Type: JTokenType.Boolean, Value: bool flag } => flag ? "true" : "false", // as JSON writes it, not "True"
                JValue value => Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture),
                var token => token.ToString(Formatting.None),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
