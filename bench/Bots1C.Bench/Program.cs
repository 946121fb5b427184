namespace Bots1C.Bench;

// Bots1C.Bench: starts the real app in-process on Kestrel (loopback, port 0, a temp data folder), runs the
// chosen benchmarks and prints one table. Each benchmark is one IBenchmark class listed in All.
// (Not top-level statements: the app's own Program class, which WebApplicationFactory needs, would clash.)
public static class BenchProgram
{
    // Memory first: its idle reading is of this process's RSS, which the others' apps (1M seeded messages) would inflate.
    private static readonly IBenchmark[] All =
        [new MemoryBenchmark(), new IngestBenchmark(), new ReplyBenchmark(), new PushBenchmark(), new StorageBenchmark(), new EditorBenchmark(),
         new CrashBenchmark()];

    /// <summary>Earlier names that still work on the command line.</summary>
    private static readonly Dictionary<string, string> Aliases = new() { ["dialogs"] = "storage" };

    public static async Task<int> Main(string[] args)
    {
        var runs = 5;
        var quick = false;
        var postgres = false;
        var instances = 1;
        int? runsGiven = null, rate = null, chats = null;
        int[]? rates = null;
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
                case "--seconds" or "--duration" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 3600:
                    seconds = s;
                    i++;
                    break;
                case "--rate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r is > 0 and <= 10_000:
                    rate = r;
                    rates = [r];
                    i++;
                    break;
                case "--rates" when i + 1 < args.Length && ParseRates(args[i + 1]) is { } list:
                    rates = list;
                    rate = list[0];
                    i++;
                    break;
                case "--provider" when i + 1 < args.Length && args[i + 1].ToLowerInvariant() is "sqlite" or "postgres" or "postgresql":
                    postgres = !args[i + 1].Equals("sqlite", StringComparison.OrdinalIgnoreCase);
                    i++;
                    break;
                case "--provider":
                    Console.Error.WriteLine($"Unknown provider '{(i + 1 < args.Length ? args[i + 1] : "")}': sqlite or postgres.");
                    return 2;
                case "--instances" when i + 1 < args.Length && int.TryParse(args[i + 1], out var m) && m is 1 or 2:
                    instances = m;
                    i++;
                    break;
                case "--instances":
                    Console.Error.WriteLine($"--instances takes 1 or 2, not '{(i + 1 < args.Length ? args[i + 1] : "")}'.");
                    return 2;
                case "all":
                    chosen.AddRange(All.Where(b => !chosen.Contains(b)));
                    break;
                case "--chats" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c is > 0 and <= 1_000_000:
                    chats = c;
                    i++;
                    break;
                case "-h" or "--help":
                    return Usage(Console.Out, All);
                default:
                    var name = Aliases.GetValueOrDefault(args[i], args[i]);
                    if (All.FirstOrDefault(b => b.Name == name) is not { } benchmark)
                    {
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                        Usage(Console.Error, All);
                        return 2;
                    }
                    if (!chosen.Contains(benchmark))
                        chosen.Add(benchmark);
                    break;
            }
        }
        if (quick && !args.Contains("--runs"))
            runs = 2;
        if (chosen.Count == 0)
            chosen.AddRange(All);

        string? postgresServer = null;
        var database = "SQLite";
        if (postgres)
        {
            postgresServer = PostgresBenchDatabase.Server;
            if (postgresServer is null)
            {
                Console.Error.WriteLine($"--provider postgres needs a PostgreSQL server: set {PostgresBenchDatabase.Variable} (or {PostgresBenchDatabase.TestVariable}) " +
                    "to a connection string whose role may CREATEDB, e.g. Host=127.0.0.1;Username=bench;Password=...; each benchmark's app gets a fresh database, dropped at the end.");
                return 2;
            }
            database = await PostgresBenchDatabase.DescribeAsync(postgresServer);
        }
        string? redis = null;
        if (instances > 1)
        {
            // Two instances on one machine could share a SQLite file, but what --instances measures is the scale-out
            // path of docs/scaling.md: one PostgreSQL database, the instances joined by Redis.
            if (!postgres)
            {
                Console.Error.WriteLine("--instances 2 needs --provider postgres: two instances share one PostgreSQL database (docs/scaling.md).");
                return 2;
            }
            redis = new[] { RedisVariable, RedisTestVariable }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (redis is null)
            {
                Console.Error.WriteLine($"--instances 2 needs a Redis server to join the instances: set {RedisVariable} (or {RedisTestVariable}) " +
                    "to a StackExchange.Redis configuration string, e.g. 127.0.0.1:6379; each run uses a channel prefix of its own.");
                return 2;
            }
        }

        var loadBefore = LoadAverage();
        var options = new BenchOptions(runs, quick, runsGiven, seconds, rate, chats, rates, postgresServer, instances, redis);
        var results = new List<Measurement>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (chosen.Contains(All[0]))
            chosen = [All[0], .. chosen.Where(b => b != All[0])];
        foreach (var benchmark in chosen)
        {
            // Each benchmark gets a fresh app (own data folder, and on PostgreSQL its own database): one's data and backlog do not weigh on the next.
            // crash starts its own child apps (as many as asked); ingest and reply spread their load over the instances;
            // the others measure one instance.
            var here = benchmark.SpreadsOverInstances ? instances : 1;
            var measured = benchmark is CrashBenchmark ? instances : here;
            Console.Error.WriteLine($"[{benchmark.Name}] {benchmark.Description} ({database}{(instances > 1 ? $", {measured} instance(s)" : "")})");
            var started = clock.Elapsed;
            await using var fresh = postgresServer is null ? null : await PostgresBenchDatabase.CreateAsync(postgresServer);
            await using var app = await BenchApp.StartAsync(fresh?.ConnectionString, here, redis);
            results.AddRange(await benchmark.RunAsync(app, options));
            Console.Error.WriteLine($"[{benchmark.Name}] done in {(clock.Elapsed - started).TotalSeconds:0} s");
        }

        Console.WriteLine();
        var instancesText = instances == 1 ? "1 instance" : $"{instances} instances (ingest, reply, crash; the others 1)";
        Console.WriteLine($"Bots1C.Bench {DateTime.Now:yyyy-MM-dd HH:mm}, {database}, {instancesText}, {Environment.ProcessorCount} cores, arguments '{string.Join(' ', args)}', " +
            $"load average before {loadBefore}, after {LoadAverage()}");
        Table.Print(Console.Out, results);
        return 0;
    }

    /// <summary>The Redis that joins two instances (<c>--instances 2</c>); <c>.ci/test-servers</c> prints the second.</summary>
    public const string RedisVariable = "BOTS1C_BENCH_REDIS";
    public const string RedisTestVariable = "BOTS1C_TEST_REDIS";

    /// <summary>The 1-minute load average: a busy shared machine shows here and explains slow figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int[]? ParseRates(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rates = parts.Select(p => int.TryParse(p, out var r) && r is > 0 and <= 10_000 ? r : 0).ToArray();
        return rates.Length > 0 && rates.All(r => r > 0) ? rates : null;
    }

    private static int Usage(TextWriter to, IBenchmark[] all)
    {
        to.WriteLine("Usage: dotnet run -c Release --project bench/Bots1C.Bench -- [all | benchmark ...] [--quick] [--runs N] [--seconds S] [--rates R,R] [--chats C] [--provider sqlite|postgres] [--instances 1|2]");
        to.WriteLine("  all            every benchmark (also when none is named)");
        to.WriteLine("  --quick        a few seconds per benchmark, for CI (ingest 2 s per step; reply and push 3 s; storage 100k messages, 30 calls;");
        to.WriteLine("                 memory 5 tabs; editor 2 runs of the grid pair; crash 400 updates in 100 chats)");
        to.WriteLine("  --runs N       editor: N runs per case; storage: N calls per query; memory: N tabs");
        to.WriteLine("  --seconds S    (or --duration S) ingest: seconds per step (default 10); reply: per rate (20); push: of load (30)");
        to.WriteLine("  --rates R,R    ingest: fixed rates (default 200,1000); reply: rates (100,500); push: the first (default 200)");
        to.WriteLine("  --rate R       the same as --rates R");
        to.WriteLine("  --chats C      chats the updates are spread over (default 1000; push --quick 200; crash 500, --quick 100)");
        to.WriteLine("  --provider P   the database: sqlite (default, a file in each app's temp folder) or postgres: each benchmark's app (and");
        to.WriteLine($"                 crash's child app) on a fresh database made on the server in {PostgresBenchDatabase.Variable} (else {PostgresBenchDatabase.TestVariable}),");
        to.WriteLine("                 dropped at the end. memory and editor measure the browser and the circuits: they run on either, the");
        to.WriteLine("                 database does not enter their figures");
        to.WriteLine("  --instances N  1 (default) or 2: ingest and reply start two app instances on two loopback ports, on one PostgreSQL");
        to.WriteLine($"                 database, joined by the Redis in {RedisVariable} (else {RedisTestVariable}), and spread the updates over");
        to.WriteLine("                 both (round-robin, each chat's updates alternating); crash runs two child apps. Needs --provider postgres");
        foreach (var b in all)
            to.WriteLine($"  {b.Name,-10} {b.Description}");
        return 0;
    }
}
