using System.Diagnostics;

namespace Bots1C.Bench;

/// <summary>What one load run did: per request its start (a Stopwatch timestamp, 0 if never sent), its latency in ms
/// (negative if it failed or was not answered in time) and the wall time from the first start to the last answer.</summary>
public sealed record LoadResult(long[] Started, double[] Latency, bool[] Ok, int Sent, TimeSpan Elapsed)
{
    public int Succeeded => Ok.Take(Sent).Count(o => o);
    public int Failed => Sent - Succeeded;
    public List<double> OkLatencies => Enumerable.Range(0, Sent).Where(i => Ok[i]).Select(i => Latency[i]).ToList();
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Succeeded / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The two ways the benchmarks drive traffic. Every loop is bounded in count and in time; the targets are loopback.
/// <c>send(i)</c> performs request i and says whether it was accepted; an exception counts as a failure.
/// </summary>
public static class Load
{
    /// <summary>Open loop: request i starts at i/rate seconds whether or not earlier ones were answered (a slow answer does
    /// not slow the sender, so latency under a fixed arrival rate is what is measured). Waits for the answers until
    /// <paramref name="deadline"/> (counted from the start).</summary>
    public static async Task<LoadResult> OpenAsync(int count, int rate, TimeSpan deadline, Func<int, Task<bool>> send)
    {
        var started = new long[count];
        var latency = new double[count];
        var ok = new bool[count];
        Array.Fill(latency, -1);
        var inFlight = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var i = 0; i < count && clock.Elapsed < deadline; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            // The start is taken on the sender's loop: if the sender runs late, that counts against the figure.
            started[i] = Stopwatch.GetTimestamp();
            inFlight.Add(Run(i));
            sent++;
        }
        var remaining = deadline - clock.Elapsed;
        await Task.WhenAny(Task.WhenAll(inFlight), Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
        var first = sent > 0 ? started[0] : 0;
        var last = Enumerable.Range(0, sent).Where(i => ok[i]).Select(i => started[i] + (long)(latency[i] * Stopwatch.Frequency / 1000)).DefaultIfEmpty(first).Max();
        return new LoadResult(started, latency, ok, sent, Stopwatch.GetElapsedTime(first, last));

        async Task Run(int index)
        {
            await Task.Yield(); // the sender's loop goes on at once
            try
            {
                var accepted = await send(index);
                latency[index] = Stopwatch.GetElapsedTime(started[index]).TotalMilliseconds;
                ok[index] = accepted;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
            }
        }
    }

    /// <summary>Closed loop (saturation): <paramref name="workers"/> senders, each starting its next request as soon as its last
    /// one is answered, until <paramref name="duration"/> passes or <paramref name="maxCount"/> requests were started.</summary>
    public static async Task<LoadResult> ClosedAsync(int workers, TimeSpan duration, int maxCount, Func<int, Task<bool>> send)
    {
        var started = new long[maxCount];
        var latency = new double[maxCount];
        var ok = new bool[maxCount];
        Array.Fill(latency, -1);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await Task.Yield();
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= maxCount)
                    break;
                started[i] = Stopwatch.GetTimestamp();
                try
                {
                    ok[i] = await send(i);
                    latency[i] = Stopwatch.GetElapsedTime(started[i]).TotalMilliseconds;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
                {
                }
            }
        }));
        var elapsed = clock.Elapsed;
        var sent = Math.Min(maxCount, next + 1);
        return new LoadResult(started, latency, ok, sent, elapsed);
    }

    /// <summary>An HttpClient for loopback load: enough connections for the concurrency, no proxy, a bounded timeout.</summary>
    public static HttpClient Client(string baseUrl, int connections = 256) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), UseProxy = false,
        })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
}
