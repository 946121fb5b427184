using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Components.Account;

/// <summary>
/// Writes failed sign-ins to the event log, at most one entry per address and minute: the first failure is
/// written, further ones within the minute only raise the count in that entry's message. A guesser can no longer
/// grow the journal by a row per attempt.
/// </summary>
public sealed class FailedSignInEvents(EventJournal journal, TimeProvider clock)
{
    public const string Code = "SignInFailed";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private const int ForgetAbove = 10_000;

    // One writer at a time keeps "first or counted" exact; failures are rare and the rate limiter bounds them.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Written> _lastByAddress = new();

    private sealed class Written(DateTimeOffset at, long eventId, SignInFailure failure)
    {
        public DateTimeOffset At { get; } = at;
        public long EventId { get; } = eventId;
        public SignInFailure Failure { get; } = failure;
        public int More { get; set; }
    }

    public async Task RecordAsync(string address, SignInFailure failure, string? subject)
    {
        await _gate.WaitAsync();
        try
        {
            var now = clock.GetUtcNow();
            if (_lastByAddress.TryGetValue(address, out var last) && now - last.At < Minute)
            {
                last.More++;
                await journal.ReviseAsync(last.EventId, SignInEvents.SignInFailed(last.Failure, address, last.More));
                return;
            }
            if (_lastByAddress.Count > ForgetAbove)
                foreach (var (key, written) in _lastByAddress)
                    if (now - written.At >= Minute)
                        _lastByAddress.Remove(key);
            var id = await journal.WriteReturningIdAsync(EventLevel.Warning, EventSources.Security, SignInEvents.SignInFailed(failure, address), subject);
            _lastByAddress[address] = new Written(now, id, failure);
        }
        finally
        {
            _gate.Release();
        }
    }
}
