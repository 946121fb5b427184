using System.Globalization;
using Humanizer;

namespace Bots1C.Domain.PrintForms;

/// <summary>
/// A sum of roubles as Russian forms write it under the total: "Сто двадцать три рубля 45 копеек" — roubles in
/// words (Humanizer's Russian number words), kopecks in digits, both with the right plural form.
/// </summary>
public static class AmountInWords
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string Rubles(decimal amount)
    {
        var rounded = Math.Round(Math.Abs(amount), 2, MidpointRounding.AwayFromZero);
        var rubles = (long)decimal.Truncate(rounded);
        var kopecks = (int)((rounded - rubles) * 100);
        var words = rubles.ToWords(GrammaticalGender.Masculine, Russian);
        var text = $"{words} {Plural(rubles, "рубль", "рубля", "рублей")} {kopecks:00} {Plural(kopecks, "копейка", "копейки", "копеек")}";
        return (amount < 0 ? "Минус " + text : char.ToUpper(text[0], Russian) + text[1..]);
    }

    /// <summary>The Russian plural form for a count: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль.</summary>
    public static string Plural(long count, string one, string few, string many)
    {
        var lastTwo = count % 100;
        if (lastTwo is >= 11 and <= 14)
            return many;
        return (count % 10) switch
        {
            1 => one,
            2 or 3 or 4 => few,
            _ => many,
        };
    }
}
