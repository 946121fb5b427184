namespace Bots1C.Bench;

/// <summary>One benchmark scenario (editor; later ingest, reply, push, storage, memory): given a running app,
/// it measures its cases and returns their samples. Add a class and list it in Program.cs.</summary>
public interface IBenchmark
{
    /// <summary>The command-line name, e.g. <c>editor</c>.</summary>
    string Name { get; }
    string Description { get; }
    Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options);
}

public sealed record BenchOptions(int Runs, bool Quick);

/// <summary>The samples of one measure of one case. <paramref name="Baseline"/> names the case of the same
/// benchmark whose median this one is divided by (the ratio survives a noisy machine better than milliseconds).</summary>
public sealed record Measurement(string Benchmark, string Case, string Size, string Measure, string Unit,
    IReadOnlyList<double> Samples, string? Baseline = null)
{
    public double Median
    {
        get
        {
            var sorted = Samples.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Max => Samples.Max();
}
