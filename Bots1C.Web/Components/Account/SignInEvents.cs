using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Components.Account;

/// <summary>Why a sign-in did not go through, as the event log tells it.</summary>
public enum SignInFailure
{
    UnknownEmail,
    WrongPassword,
    AccountLocked,
    TooManyAttempts,
}

/// <summary>What signing in writes to the event log (see <see cref="EventDetail"/>).</summary>
public static class SignInEvents
{
    /// <param name="more">Further failures from the same address within the minute, counted in the first one's entry.</param>
    public static EventDetail SignInFailed(SignInFailure failure, string address, int more = 0)
    {
        var why = failure switch
        {
            SignInFailure.UnknownEmail => "Sign-in failed: unknown e-mail.",
            SignInFailure.WrongPassword => "Sign-in failed: wrong password.",
            SignInFailure.AccountLocked => "Sign-in refused: account is locked.",
            _ => "Sign-in refused: too many failed attempts.",
        };
        return more == 0
            ? new(FailedSignInEvents.Code, failure.ToString(), $"{why} From {address}.", ("address", address))
            : new(FailedSignInEvents.Code, $"{failure}.Repeated",
                $"{why} From {address}. {more} more failed sign-ins from this address within the minute.", ("address", address), ("more", more));
    }

    public static EventDetail LockedOut(string address, DateTimeOffset until) =>
        new("LockedOut", $"Sign-in from {address} blocked until {until:u} after repeated failures.", ("address", address), ("until", until));
}
