using Bots1C.Domain.Accounts;
using Bots1C.Domain.EventLog;
using Microsoft.AspNetCore.Identity;

namespace Bots1C.Web.Components.Account;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    /// <summary>An administrator locked the account.</summary>
    LockedOut,
    NotAllowed,
    /// <summary>This address failed too often (with this e-mail or altogether) and must wait.</summary>
    TooManyAttempts,
}

/// <summary>
/// Signs a person in with e-mail and password and writes failures and blocks to the event log. Wrong passwords
/// never lock the account itself, which would let anyone lock out an administrator: <see cref="SignInThrottle"/>
/// blocks the address that failed instead. Identity's lockout is left to administrators' locks.
/// </summary>
public class SignInAudit(SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher,
    SignInThrottle throttle, FailedSignInEvents failures, EventJournal journal)
{
    private static readonly AppUser NoOne = new();
    private static string? _noOnesHash;

    public async Task<(SignInOutcome Outcome, DateTimeOffset? Until)> SignInAsync(string address, string email, string password, bool remember)
    {
        email = email.Trim();
        if (throttle.BlockedUntil(address, email) is { } blocked)
        {
            await failures.RecordAsync(address, SignInFailure.TooManyAttempts, email);
            return (SignInOutcome.TooManyAttempts, blocked);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same work as checking a real password, so the answer's timing does not tell which e-mails have accounts.
            hasher.VerifyHashedPassword(NoOne, _noOnesHash ??= hasher.HashPassword(NoOne, Guid.NewGuid().ToString()), password);
            return await FailedAsync(address, email, email, SignInFailure.UnknownEmail);
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(address, email);
            return (SignInOutcome.SignedIn, null);
        }
        if (result.IsLockedOut)
        {
            await failures.RecordAsync(address, SignInFailure.AccountLocked, user.Email);
            return (SignInOutcome.LockedOut, user.LockoutEnd);
        }
        if (result.IsNotAllowed)
            return (SignInOutcome.NotAllowed, null);
        return await FailedAsync(address, email, user.Email, SignInFailure.WrongPassword);
    }

    private async Task<(SignInOutcome, DateTimeOffset?)> FailedAsync(string address, string email, string? subject, SignInFailure failure)
    {
        await failures.RecordAsync(address, failure, subject);
        if (throttle.RecordFailure(address, email) is not { } blocked)
            return (SignInOutcome.WrongCredentials, null);
        await journal.WarningAsync(EventSources.Security, SignInEvents.LockedOut(address, blocked), subject);
        return (SignInOutcome.TooManyAttempts, blocked);
    }
}
