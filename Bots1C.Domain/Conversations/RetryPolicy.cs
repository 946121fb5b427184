namespace Bots1C.Domain.Conversations;

/// <summary>When to try a failed delivery again.</summary>
public static class RetryPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);
    /// <summary>About an hour of attempts for 5xx and timeouts before a message is declared failed.</summary>
    public const int MaxTransientAttempts = 12;
    /// <summary>Waits the messenger asked for do not count as failures, but a bot throttled forever must end.</summary>
    public const int MaxAttempts = 60;

    /// <summary>Exponential (2 s, 4 s, 8 s … capped at 10 min) with ±20% jitter, so many chats do not retry in step.</summary>
    public static TimeSpan Backoff(int attempt, double jitter01)
    {
        var exponential = FirstDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + 0.4 * jitter01));
    }
}
