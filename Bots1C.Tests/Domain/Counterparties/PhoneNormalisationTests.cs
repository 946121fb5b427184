using Bots1C.Domain.Scenarios;

namespace Bots1C.Tests.Domain.Counterparties;

/// <summary>How people really type phone numbers, Russian and foreign: each is one E.164 number, so linking by phone is exact.</summary>
public class PhoneNormalisationTests
{
    [Theory]
    [InlineData("8 (912) 345-67-89", "+79123456789")]
    [InlineData("+7 912 3456789", "+79123456789")]
    [InlineData("79123456789", "+79123456789")]
    [InlineData("89123456789", "+79123456789")]
    [InlineData("8-912-345-67-89", "+79123456789")]
    [InlineData("+7(912)345 67 89", "+79123456789")]
    [InlineData("9123456789", "+79123456789")]
    [InlineData("  +7 (912) 345-67-89  ", "+79123456789")]
    [InlineData("7 912 345 67 89", "+79123456789")]
    [InlineData("+7-912-345-67-89", "+79123456789")]
    [InlineData("8 (495) 123-45-67", "+74951234567")]
    [InlineData("+7 (812) 555-12-34", "+78125551234")]
    [InlineData("+375 29 123-45-67", "+375291234567")]
    [InlineData("+380 44 123 4567", "+380441234567")]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+7 701 123 45 67", "+77011234567")] // Kazakhstan shares +7
    public void Real_world_spellings_become_one_E164_number(string typed, string e164) =>
        Assert.Equal(e164, PhoneNormalizer.ToE164(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("call me")]
    [InlineData("12345")]
    [InlineData("+7 912 345")]
    [InlineData("8 (000) 000-00-00")]
    [InlineData("ivan@example.ru")]
    [InlineData("+999 123 456 789")]
    [InlineData("1234567890123456789012345678901234567890123")]
    public void Garbage_is_not_a_phone(string? typed) => Assert.Null(PhoneNormalizer.ToE164(typed));
}
