namespace Bots1C.Bench;

/// <summary>One benchmark scenario (ingest, reply, push, storage, memory, editor, crash): given a running app,
/// it measures its cases and returns their samples. Add a class and list it in Program.cs.</summary>
public interface IBenchmark
{
    /// <summary>The command-line name, e.g. <c>editor</c>.</summary>
    string Name { get; }
    string Description { get; }
    /// <summary>True when the benchmark spreads its load over every instance of the app it is given (<c>--instances 2</c>);
    /// the others get one instance.</summary>
    bool SpreadsOverInstances => false;
    Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options);
}

/// <summary>What the command line asked for. <paramref name="RunsGiven"/>, <paramref name="Seconds"/>, <paramref name="Rate"/>,
/// <paramref name="Rates"/> and <paramref name="Chats"/> are null unless given: each benchmark has its own defaults (and quick ones).
/// <paramref name="PostgresServer"/>: with <c>--provider postgres</c>, the server (a connection string) on which each app gets a fresh
/// database; null on SQLite. <paramref name="Instances"/>: <c>--instances</c>, 1 or 2; with 2, <paramref name="Redis"/> joins them.</summary>
public sealed record BenchOptions(int Runs, bool Quick, int? RunsGiven = null, double? Seconds = null, int? Rate = null, int? Chats = null,
    int[]? Rates = null, string? PostgresServer = null, int Instances = 1, string? Redis = null)
{
    public bool OnPostgres => PostgresServer is not null;
}

/// <summary>The samples of one measure of one case. <paramref name="Baseline"/> names the case of the same
/// benchmark whose median this one is divided by (the ratio survives a noisy machine better than milliseconds).
/// <paramref name="Note"/> is printed under the table (e.g. how many events arrived of how many expected).</summary>
public sealed record Measurement(string Benchmark, string Case, string Size, string Measure, string Unit,
    IReadOnlyList<double> Samples, string? Baseline = null, string? Note = null)
{
    public double Median
    {
        get
        {
            var sorted = Samples.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>The 99th percentile, nearest rank (with fewer than 100 samples it is the maximum or next to it).</summary>
    public double P99 => Percentile(0.99);

    public double Max => Samples.Max();

    public double Percentile(double p)
    {
        var sorted = Samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
