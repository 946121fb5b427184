using Bots1C.Domain.Accounts;
using Bots1C.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Components.Account;

/// <summary>Every account error in the reader's language; the code stays Identity's so tests and logs can match it.</summary>
public class LocalizedAccountErrorDescriber(IStringLocalizer<SharedResource> L) : AccountErrorDescriber
{
    private IdentityError Error(string code, params object[] args) =>
        new() { Code = code, Description = L[$"AccountError.{code}", args] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), role ?? "");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), role);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword));
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled));
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
    public override IdentityError LastAdministrator() => Error(nameof(LastAdministrator));
    public override IdentityError CannotLockYourself() => Error(nameof(CannotLockYourself));
    public override IdentityError UserNotFound() => Error(nameof(UserNotFound));
    public override IdentityError SetupAlreadyDone() => Error(nameof(SetupAlreadyDone));
    public override IdentityError UnknownRole(string role) => Error(nameof(UnknownRole), role);
    public override IdentityError DisplayNameRequired() => Error(nameof(DisplayNameRequired));
    public override IdentityError RoleRequired() => Error(nameof(RoleRequired));
    public override IdentityError EmailRequired() => Error(nameof(EmailRequired));
}
