using FluentValidation;

namespace Bots1C.Domain.Accounts;

/// <summary>What a new user needs before Identity checks the password. Error codes name the
/// <see cref="AccountErrorDescriber"/> method that words the error, so texts stay in one place.</summary>
public class NewUserValidator : AbstractValidator<NewUser>
{
    public NewUserValidator()
    {
        RuleFor(u => u.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n))
            .WithErrorCode(nameof(AccountErrorDescriber.DisplayNameRequired));
        RuleFor(u => u.Email).Must(e => !string.IsNullOrWhiteSpace(e))
            .WithErrorCode(nameof(AccountErrorDescriber.EmailRequired));
        RuleFor(u => u.Email).EmailAddress().When(u => !string.IsNullOrWhiteSpace(u.Email))
            .WithErrorCode(nameof(AccountErrorDescriber.InvalidEmail));
        RuleFor(u => u.Roles).NotEmpty()
            .WithErrorCode(nameof(AccountErrorDescriber.RoleRequired));
        RuleForEach(u => u.Roles).Must(r => Roles.All.Contains(r))
            .WithErrorCode(nameof(AccountErrorDescriber.UnknownRole));
    }
}
