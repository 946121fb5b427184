using System.Threading.Channels;

namespace Bots1C.Domain.Conversations;

/// <summary>Wakes a background worker as soon as there is work, instead of waiting for its next poll.
/// Many signals while it is busy collapse into one.</summary>
public class WakeUpSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// A background worker's loop: does work while there is some, otherwise sleeps until signalled or until
    /// <paramref name="poll"/> passes. A failure is logged and retried after the next wait, never ends the loop.
    /// </summary>
    /// <param name="work">Returns how many items it handled; 0 means there is nothing to do right now.</param>
    public async Task RunUntilStoppedAsync(Func<CancellationToken, Task<int>> work, TimeSpan poll, TimeProvider clock,
        Microsoft.Extensions.Logging.ILogger logger, string failure, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await work(stoppingToken) > 0)
                    continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, e, "{Failure}; retrying shortly", failure);
            }
            await WaitAsync(poll, clock, stoppingToken);
        }
    }

    /// <summary>Returns when signalled or when <paramref name="timeout"/> passes on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        // Both waits share one token that is cancelled as soon as either ends, so the loser leaves nothing
        // registered behind (an idle app waits tens of thousands of times a day).
        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, round.Token);
        var signalled = _channel.Reader.WaitToReadAsync(round.Token).AsTask();
        await Task.WhenAny(delay, signalled);
        round.Cancel();
        try { await Task.WhenAll(delay, signalled); }
        catch (OperationCanceledException) { /* the loser of the race */ }
        _channel.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>New rows in the inbox.</summary>
public sealed class InboxSignal : WakeUpSignal;

/// <summary>New or due rows in the outbox.</summary>
public sealed class OutboxSignal : WakeUpSignal;
