using Bots1C.Domain.Accounts;
using Bots1C.Domain.EventLog;
using Microsoft.AspNetCore.Identity;

namespace Bots1C.Web.Components.Account;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    NotAllowed,
}

/// <summary>Signs a person in with e-mail and password and writes failures and lockouts to the event log.</summary>
public class SignInAudit(SignInManager<AppUser> signIn, UserManager<AppUser> users, EventJournal journal)
{
    public async Task<(SignInOutcome Outcome, DateTimeOffset? LockedUntil)> SignInAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await journal.WarningAsync(EventSources.Security, "SignInFailed", "Sign-in failed: unknown e-mail.", email.Trim());
            return (SignInOutcome.WrongCredentials, null);
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
            return (SignInOutcome.SignedIn, null);
        if (result.IsLockedOut)
        {
            if (!wasLocked)
                await journal.WarningAsync(EventSources.Security, "LockedOut",
                    "Account locked after repeated wrong passwords.", user.Email);
            else
                await journal.WarningAsync(EventSources.Security, "SignInFailed", "Sign-in refused: account is locked.", user.Email);
            return (SignInOutcome.LockedOut, user.LockoutEnd);
        }
        if (result.IsNotAllowed)
            return (SignInOutcome.NotAllowed, null);

        await journal.WarningAsync(EventSources.Security, "SignInFailed", "Sign-in failed: wrong password.", user.Email);
        return (SignInOutcome.WrongCredentials, null);
    }
}
