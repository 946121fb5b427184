using Microsoft.Extensions.Options;

namespace Bots1C.Web.Components.Account;

/// <summary>
/// Counts failed sign-ins per address and per (address, e-mail) and blocks the address, never the account: a
/// stranger who types an administrator's e-mail with wrong passwords locks out only himself. Unknown e-mails are
/// counted like known ones, so a block does not tell which e-mails have accounts. Kept in memory: a restart
/// forgets the counts, which gives a guesser one more window, not a way around the limits.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInProtectionOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new();
    private DateTimeOffset _sweptAt;

    private sealed class Window(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public int Failures { get; set; }
        public DateTimeOffset? BlockedUntil { get; set; }
    }

    /// <summary>Until when this address may not try this e-mail (or any), or null when it may.</summary>
    public DateTimeOffset? BlockedUntil(string address, string email)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            return Latest(Blocked(ByAddress(address), now), Blocked(ByAddressAndEmail(address, email), now));
        }
    }

    /// <summary>Counts a failure; when it reaches a limit, returns until when the address is now blocked.</summary>
    public DateTimeOffset? RecordFailure(string address, string email)
    {
        var limits = options.Value;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            SweepNowAndThen(now, limits.LockoutPeriod);
            return Latest(
                Count(ByAddress(address), limits.FailuresPerAddress, now, limits.LockoutPeriod),
                Count(ByAddressAndEmail(address, email), limits.FailuresPerAccountAndAddress, now, limits.LockoutPeriod));
        }
    }

    /// <summary>The right password ends this address's run of failures with this e-mail (not its failures with others).</summary>
    public void RecordSuccess(string address, string email)
    {
        lock (_lock)
            _windows.Remove(ByAddressAndEmail(address, email));
    }

    private DateTimeOffset? Blocked(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && window.BlockedUntil > now ? window.BlockedUntil : null;

    private DateTimeOffset? Count(string key, int limit, DateTimeOffset now, TimeSpan period)
    {
        if (!_windows.TryGetValue(key, out var window) || IsOver(window, now, period))
            _windows[key] = window = new Window(now);
        window.Failures++;
        if (window.Failures < limit || window.BlockedUntil is not null)
            return null;
        window.BlockedUntil = now + period;
        return window.BlockedUntil;
    }

    private static bool IsOver(Window window, DateTimeOffset now, TimeSpan period) =>
        now - window.Since >= period && !(window.BlockedUntil > now);

    /// <summary>Forgets finished windows at most once a minute, so memory follows the addresses of the last minutes.</summary>
    private void SweepNowAndThen(DateTimeOffset now, TimeSpan period)
    {
        if (now - _sweptAt < SweepEvery)
            return;
        _sweptAt = now;
        foreach (var (key, window) in _windows)
            if (IsOver(window, now, period))
                _windows.Remove(key);
    }

    private static string ByAddress(string address) => address;

    /// <summary>The e-mail as Identity compares it; a huge typed one is cut, it can only be a failure anyway.</summary>
    private static string ByAddressAndEmail(string address, string email) =>
        $"{address} {(email.Length > 320 ? email[..320] : email).Trim().ToUpperInvariant()}";

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
