using Bots1C.Domain.PrintForms;

namespace Bots1C.Tests.Domain.PrintForms;

public class AmountInWordsTests
{
    [Theory]
    [InlineData("0", "Ноль рублей 00 копеек")]
    [InlineData("1", "Один рубль 00 копеек")]
    [InlineData("2", "Два рубля 00 копеек")]
    [InlineData("5", "Пять рублей 00 копеек")]
    [InlineData("11", "Одиннадцать рублей 00 копеек")]
    [InlineData("21", "Двадцать один рубль 00 копеек")]
    [InlineData("101", "Сто один рубль 00 копеек")]
    [InlineData("1000000", "Один миллион рублей 00 копеек")]
    [InlineData("123.45", "Сто двадцать три рубля 45 копеек")]
    [InlineData("2.01", "Два рубля 01 копейка")]
    [InlineData("5.22", "Пять рублей 22 копейки")]
    [InlineData("11.11", "Одиннадцать рублей 11 копеек")]
    [InlineData("1000000.99", "Один миллион рублей 99 копеек")]
    [InlineData("2000", "Две тысячи рублей 00 копеек")]
    public void Amounts_are_written_in_Russian_with_the_right_plural_forms(string amount, string expected) =>
        Assert.Equal(expected, AmountInWords.Rubles(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
