namespace Bots1C.Bench;

// Bots1C.Bench: starts the real app in-process on Kestrel (loopback, port 0, a temp data folder), runs the
// chosen benchmarks and prints one table. Each benchmark is one IBenchmark class listed in All.
// (Not top-level statements: the app's own Program class, which WebApplicationFactory needs, would clash.)
public static class BenchProgram
{
    private static readonly IBenchmark[] All = [new EditorBenchmark()];

    public static async Task<int> Main(string[] args)
    {
        var runs = 5;
        var quick = false;
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
        var options = new BenchOptions(runs, quick);
        var results = new List<Measurement>();
        foreach (var benchmark in chosen)
        {
            Console.Error.WriteLine($"[{benchmark.Name}] {benchmark.Description} ({runs} run(s) per case)");
            await using var app = await BenchApp.StartAsync();
            results.AddRange(await benchmark.RunAsync(app, options));
        }

        Console.WriteLine();
        Console.WriteLine($"Bots1C.Bench {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {runs} run(s) per case, " +
            $"load average before {loadBefore}, after {LoadAverage()}");
        Table.Print(Console.Out, results);
        return 0;
    }

    /// <summary>The 1-minute load average: a busy shared machine shows here and explains slow figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int Usage(TextWriter to, IBenchmark[] all)
    {
        to.WriteLine("Usage: dotnet run -c Release --project bench/Bots1C.Bench -- [benchmark ...] [--quick] [--runs N]");
        to.WriteLine("  --quick    2 runs per case instead of 5");
        to.WriteLine("  --runs N   N runs per case");
        foreach (var b in all)
            to.WriteLine($"  {b.Name,-10} {b.Description}");
        return 0;
    }
}
