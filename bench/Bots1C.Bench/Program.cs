namespace Bots1C.Bench;

// Bots1C.Bench: starts the real app in-process on Kestrel (loopback, port 0, a temp data folder), runs the
// chosen benchmarks and prints one table. Each benchmark is one IBenchmark class listed in All.
// (Not top-level statements: the app's own Program class, which WebApplicationFactory needs, would clash.)
public static class BenchProgram
{
    private static readonly IBenchmark[] All = [new EditorBenchmark(), new PushBenchmark(), new DialogsBenchmark()];

    public static async Task<int> Main(string[] args)
    {
        var runs = 5;
        var quick = false;
        int? runsGiven = null, rate = null, chats = null;
        double? seconds = null;
        var chosen = new List<IBenchmark>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    runs = n;
                    runsGiven = n;
                    i++;
                    break;
                case "--seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 3600:
                    seconds = s;
                    i++;
                    break;
                case "--rate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r is > 0 and <= 10_000:
                    rate = r;
                    i++;
                    break;
                case "--chats" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c is > 0 and <= 1_000_000:
                    chats = c;
                    i++;
                    break;
                case "-h" or "--help":
                    return Usage(Console.Out, All);
                default:
                    if (All.FirstOrDefault(b => b.Name == args[i]) is not { } benchmark)
                    {
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                        Usage(Console.Error, All);
                        return 2;
                    }
                    chosen.Add(benchmark);
                    break;
            }
        }
        if (quick && !args.Contains("--runs"))
            runs = 2;
        if (chosen.Count == 0)
            chosen.AddRange(All);

        var loadBefore = LoadAverage();
        var options = new BenchOptions(runs, quick, runsGiven, seconds, rate, chats);
        var results = new List<Measurement>();
        foreach (var benchmark in chosen)
        {
            Console.Error.WriteLine($"[{benchmark.Name}] {benchmark.Description}");
            await using var app = await BenchApp.StartAsync();
            results.AddRange(await benchmark.RunAsync(app, options));
        }

        Console.WriteLine();
        Console.WriteLine($"Bots1C.Bench {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, arguments '{string.Join(' ', args)}', " +
            $"load average before {loadBefore}, after {LoadAverage()}");
        Table.Print(Console.Out, results);
        return 0;
    }

    /// <summary>The 1-minute load average: a busy shared machine shows here and explains slow figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int Usage(TextWriter to, IBenchmark[] all)
    {
        to.WriteLine("Usage: dotnet run -c Release --project bench/Bots1C.Bench -- [benchmark ...] [--quick] [--runs N] [--seconds S] [--rate R] [--chats C]");
        to.WriteLine("  --quick      a few seconds per benchmark (editor: 2 runs per case instead of 5; push: 3 s; dialogs: smaller database, 30 calls)");
        to.WriteLine("  --runs N     editor: N runs per case; dialogs: N calls per query");
        to.WriteLine("  --seconds S  push: seconds of load (default 30)");
        to.WriteLine("  --rate R     push: webhook updates per second (default 200)");
        to.WriteLine("  --chats C    push: chats the updates are spread over (default 1000)");
        foreach (var b in all)
            to.WriteLine($"  {b.Name,-10} {b.Description}");
        return 0;
    }
}
