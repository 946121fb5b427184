namespace Bots1C.Domain.Counterparties;

/// <summary>The Russian taxpayer number (ИНН): 10 digits for organisations, 12 for individuals, with check digits.</summary>
public static class Inn
{
    private static readonly int[] Ten = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] TwelveFirst = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] TwelveSecond = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    public static bool IsValid(string? inn)
    {
        if (inn is null || !inn.All(char.IsAsciiDigit))
            return false;
        var digits = inn.Select(c => c - '0').ToArray();
        return digits.Length switch
        {
            10 => Check(digits, Ten) == digits[9],
            12 => Check(digits, TwelveFirst) == digits[10] && Check(digits, TwelveSecond) == digits[11],
            _ => false,
        };
    }

    private static int Check(int[] digits, int[] weights) => weights.Select((w, i) => w * digits[i]).Sum() % 11 % 10;
}
