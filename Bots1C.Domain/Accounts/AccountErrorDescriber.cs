using Microsoft.AspNetCore.Identity;

namespace Bots1C.Domain.Accounts;

/// <summary>Identity's error texts plus the rules of our own user administration. The web app
/// replaces it with a localized one, so every error a person sees comes from one place.</summary>
public class AccountErrorDescriber : IdentityErrorDescriber
{
    public virtual IdentityError LastAdministrator() => new()
    {
        Code = nameof(LastAdministrator),
        Description = "At least one active administrator must remain.",
    };

    public virtual IdentityError CannotLockYourself() => new()
    {
        Code = nameof(CannotLockYourself),
        Description = "You cannot lock your own account.",
    };

    public virtual IdentityError UserNotFound() => new()
    {
        Code = nameof(UserNotFound),
        Description = "The user no longer exists.",
    };

    public virtual IdentityError SetupAlreadyDone() => new()
    {
        Code = nameof(SetupAlreadyDone),
        Description = "The first administrator already exists.",
    };

    public virtual IdentityError UnknownRole(string role) => new()
    {
        Code = nameof(UnknownRole),
        Description = $"Unknown role '{role}'.",
    };

    public virtual IdentityError DisplayNameRequired() => new()
    {
        Code = nameof(DisplayNameRequired),
        Description = "Enter the person's name.",
    };

    /// <summary>An empty address is missing, not invalid: "'' is not a valid e-mail address" told people nothing.</summary>
    public virtual IdentityError EmailRequired() => new()
    {
        Code = nameof(EmailRequired),
        Description = "Enter the person's e-mail address.",
    };

    public virtual IdentityError RoleRequired() => new()
    {
        Code = nameof(RoleRequired),
        Description = "Choose at least one role.",
    };

    /// <summary>Words a failure of <see cref="NewUserValidator"/>.</summary>
    public IdentityError FromValidation(FluentValidation.Results.ValidationFailure failure) => failure.ErrorCode switch
    {
        nameof(DisplayNameRequired) => DisplayNameRequired(),
        nameof(EmailRequired) => EmailRequired(),
        nameof(InvalidEmail) => InvalidEmail(failure.AttemptedValue as string),
        nameof(RoleRequired) => RoleRequired(),
        nameof(UnknownRole) => UnknownRole(failure.AttemptedValue as string ?? ""),
        _ => new IdentityError { Code = failure.ErrorCode, Description = failure.ErrorMessage },
    };
}
