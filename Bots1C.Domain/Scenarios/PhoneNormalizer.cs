using PhoneNumbers;

namespace Bots1C.Domain.Scenarios;

/// <summary>
/// Phone numbers in one form (E.164, <c>+79123456789</c>), whichever way people type them
/// (<c>8 (912) 345-67-89</c>, <c>+7 912 3456789</c>, <c>79123456789</c>). Parsing is libphonenumber's.
/// </summary>
public static class PhoneNormalizer
{
    /// <summary>Numbers written without a country code are read as numbers of this region.</summary>
    public const string DefaultRegion = "RU";

    public static string? ToE164(string? text, string region = DefaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
            return null;
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var digits = new string(text.Where(char.IsDigit).ToArray());
            // "79123456789" has no '+', but 11 digits starting with the country code are a full number.
            var candidate = !text.TrimStart().StartsWith('+') && digits.Length == 11 && digits[0] == '7' ? "+" + digits : text;
            var number = util.Parse(candidate, region);
            return util.IsValidNumber(number) ? util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
