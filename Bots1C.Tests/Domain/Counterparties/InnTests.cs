using Bots1C.Domain.Counterparties;
using FluentValidation;

namespace Bots1C.Tests.Domain.Counterparties;

public class InnTests
{
    [Theory]
    [InlineData("7707083893")]   // Sberbank
    [InlineData("7736050003")]   // Gazprom
    [InlineData("7702070139")]   // VTB
    [InlineData("500100732259")] // an individual
    [InlineData("773370857141")]
    public void Valid_INNs_pass_the_checksum(string inn) => Assert.True(Inn.IsValid(inn));

    [Theory]
    [InlineData("7707083894")]   // last digit wrong
    [InlineData("7707083883")]
    [InlineData("500100732258")] // second check digit wrong
    [InlineData("500100732269")] // first check digit wrong
    public void A_wrong_check_digit_fails(string inn) => Assert.False(Inn.IsValid(inn));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("770708389")]
    [InlineData("77070838931")]
    [InlineData("5001007322590")]
    [InlineData("77O7083893")]   // a letter O instead of a zero
    [InlineData("7707 083893")]
    [InlineData("７７０７０８３８９３")] // full-width digits
    public void Wrong_length_or_letters_fail(string? inn) => Assert.False(Inn.IsValid(inn));
}

public class CounterpartyInputValidatorTests
{
    private readonly IValidator<CounterpartyInput> _validator = new CounterpartyInputValidator();

    private static CounterpartyInput Input(string? inn = "7707083893", string? kpp = "773601001", string[]? phones = null, string[]? emails = null,
        string name = "ПАО Сбербанк") =>
        new(CounterpartyTypes.Counterparty, name, inn, kpp, phones ?? ["8 (495) 500-55-50"], emails ?? ["Info@Sberbank.ru"], null, null, null);

    private string[] Codes(CounterpartyInput input) => _validator.Validate(input).Errors.Select(e => $"{e.PropertyName}:{e.ErrorCode}").ToArray();

    [Fact]
    public void A_complete_record_is_valid() => Assert.Empty(Codes(Input()));

    [Fact]
    public void Optional_fields_may_be_left_out() => Assert.Empty(Codes(Input(inn: null, kpp: " ", phones: [], emails: [])));

    [Theory]
    [InlineData("77360100")]
    [InlineData("7736010011")]
    [InlineData("7736-1001")]
    [InlineData("773601 01")]
    public void A_bad_KPP_is_named(string kpp) => Assert.Equal(["Kpp:KppInvalid"], Codes(Input(kpp: kpp)));

    [Fact]
    public void A_KPP_with_letters_in_the_reason_code_is_valid() => Assert.Empty(Codes(Input(kpp: "7736AB001")));

    [Fact]
    public void A_bad_INN_is_named() => Assert.Equal(["Inn:InnInvalid"], Codes(Input(inn: "7707083894")));

    [Theory]
    [InlineData("call me")]
    [InlineData("12345")]
    public void A_bad_phone_is_named_by_its_place(string phone) =>
        Assert.Equal(["Phones[1]:PhoneInvalid"], Codes(Input(phones: ["+7 912 345-67-89", phone])));

    [Theory]
    [InlineData("not an e-mail")]
    [InlineData("ivan@")]
    [InlineData("Ivan <ivan@example.ru>")]
    [InlineData("ivan@localhost")]
    [InlineData("ivan petrov@example.ru")]
    public void A_bad_email_is_named_by_its_place(string email) =>
        Assert.Equal(["Emails[0]:EmailInvalid"], Codes(Input(emails: [email])));

    [Fact]
    public void The_name_is_required_and_limited()
    {
        Assert.Equal(["Name:NameRequired"], Codes(Input(name: "  ")));
        Assert.Equal(["Name:NameTooLong"], Codes(Input(name: new string('x', CounterpartyInputValidator.MaxName + 1))));
    }
}
