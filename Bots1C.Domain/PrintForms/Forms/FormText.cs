using System.Globalization;

namespace Bots1C.Domain.PrintForms.Forms;

/// <summary>How the forms write numbers, dates and parties — the way Russian documents do.</summary>
public static class FormText
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    // A plain space between thousands: the fonts have it, and a reader of the PDF gets the same digits back.
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = ",", NumberGroupSizes = [3] };

    public static string Money(decimal amount) => amount.ToString("#,##0.00", Numbers);

    public static string Quantity(decimal quantity) => quantity.ToString("#,##0.###", Numbers);

    /// <summary>"28 ноября 2026 г." (the month in the genitive, as .NET writes it with a day).</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Russian) + " г.";

    public static string Party(string name, string? inn, string? kpp, string? address)
    {
        var parts = new List<string> { name };
        if (!string.IsNullOrWhiteSpace(inn))
            parts.Add("ИНН " + inn);
        if (!string.IsNullOrWhiteSpace(kpp))
            parts.Add("КПП " + kpp);
        if (!string.IsNullOrWhiteSpace(address))
            parts.Add(address);
        return string.Join(", ", parts);
    }

    public static string Vat(int? rate) => rate is > 0 ? $"{rate}%" : "Без НДС";
}
