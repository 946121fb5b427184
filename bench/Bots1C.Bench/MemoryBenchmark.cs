using System.Globalization;
using Microsoft.Playwright;

namespace Bots1C.Bench;

/// <summary>
/// Memory: the app's resident set idle, and what each open operator circuit adds. Debian's Chromium opens the messenger
/// (<c>/messenger</c>, signed in as the administrator) in N tabs; each tab is one Blazor circuit held on the server.
/// The app runs in this process, so its RSS is read from <c>/proc/self/status</c> after a full, compacting GC (the
/// browser and Playwright's driver are other processes; the bench's own share here is a few MB, the same in every
/// reading). The per-circuit figure is the growth from 2 open tabs (the first circuits pay for JIT and caches once)
/// to 2 + N, divided by N: the marginal cost of one more idle operator.
/// </summary>
public sealed class MemoryBenchmark : IBenchmark
{
    private const double GoalKb = 400;
    private const int Warm = 2;
    private const string Idle = "idle app, no circuit";

    public string Name => "memory";
    public string Description => "app RSS idle and per idle operator circuit (Chromium tabs of the messenger)";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var pages = options.RunsGiven ?? (options.Quick ? 5 : 20);
        // Let the app's start-up work (migrations, first-run checks, background workers' first rounds) finish.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = await SnapshotAsync();
        Console.Error.WriteLine($"  idle: RSS {idle.RssKb / 1024:0.0} MB, managed heap {idle.HeapKb / 1024:0.0} MB");

        await using var context = await app.SignedInContextAsync();
        var open = new List<IPage>();
        try
        {
            async Task OpenAsync(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var page = await context.NewPageAsync();
                    await page.GotoAsync(app.BaseUrl + (Environment.GetEnvironmentVariable("BOTS1C_BENCH_MEMORY_PATH") ?? "/messenger"));
                    await BenchApp.WaitForCircuitAsync(page);
                    open.Add(page);
                }
                await Task.Delay(TimeSpan.FromSeconds(2)); // the circuits' first renders and hub connections settle
            }

            await OpenAsync(Warm);
            var warm = await SnapshotAsync();
            Console.Error.WriteLine($"  {open.Count} tabs: RSS {warm.RssKb / 1024:0.0} MB, managed heap {warm.HeapKb / 1024:0.0} MB");
            await OpenAsync(pages);
            var full = await SnapshotAsync();
            Console.Error.WriteLine($"  {open.Count} tabs: RSS {full.RssKb / 1024:0.0} MB, managed heap {full.HeapKb / 1024:0.0} MB");

            // BOTS1C_BENCH_HOLD_SECONDS=N keeps the tabs open N more seconds (at most 10 minutes), e.g. for
            // `dotnet-gcdump collect -p <pid>` to see what the circuits hold.
            if (int.TryParse(Environment.GetEnvironmentVariable("BOTS1C_BENCH_HOLD_SECONDS"), out var hold) && hold > 0)
            {
                Console.Error.WriteLine($"  holding {open.Count} tabs open for {Math.Min(hold, 600)} s (process {Environment.ProcessId})");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(hold, 600)));
            }
            var rssPer = (full.RssKb - warm.RssKb) / pages;
            var heapPer = (full.HeapKb - warm.HeapKb) / pages;
            var perCase = $"per circuit ({Warm} → {Warm + pages} tabs)";
            return
            [
                new(Name, Idle, "empty database", "process RSS", "MB", [idle.RssKb / 1024]),
                new(Name, $"{Warm} messenger tabs open", "", "process RSS", "MB", [warm.RssKb / 1024], Idle),
                new(Name, $"{Warm + pages} messenger tabs open", "", "process RSS", "MB", [full.RssKb / 1024], Idle),
                new(Name, Idle, "empty database", "managed heap", "MB", [idle.HeapKb / 1024]),
                new(Name, $"{Warm + pages} messenger tabs open", "", "managed heap", "MB", [full.HeapKb / 1024], Idle),
                new(Name, perCase, $"{pages} circuits", "RSS per circuit", "KB", [rssPer], null,
                    $"goal ≤ {GoalKb:0} KB per idle operator circuit: {(rssPer <= GoalKb ? "met" : "missed")} ({rssPer:0} KB RSS, {heapPer:0} KB managed heap)"),
                new(Name, perCase, $"{pages} circuits", "managed heap per circuit", "KB", [heapPer]),
            ];
        }
        finally
        {
            foreach (var page in open)
                await page.CloseAsync();
        }
    }

    private sealed record Snapshot(double RssKb, double HeapKb);

    /// <summary>After two full compacting collections (so garbage does not count), the median of 5 readings 200 ms apart.</summary>
    private static async Task<Snapshot> SnapshotAsync()
    {
        var rss = new List<double>();
        var heap = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            heap.Add(GC.GetTotalMemory(false) / 1024.0);
            rss.Add(RssKb());
            await Task.Delay(200);
        }
        return new Snapshot(rss.Order().ElementAt(2), heap.Order().ElementAt(2));
    }

    private static double RssKb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
