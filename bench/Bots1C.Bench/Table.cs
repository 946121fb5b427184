using System.Globalization;

namespace Bots1C.Bench;

/// <summary>Prints every measurement as one Markdown table (pasteable into docs/benchmarks.md).</summary>
public static class Table
{
    public static void Print(TextWriter to, IReadOnlyList<Measurement> results)
    {
        string[] header = ["benchmark", "case", "size", "measure", "median", "p99", "max", "runs", "ratio to baseline"];
        var rows = results.Select(m => new[]
        {
            m.Benchmark, m.Case, m.Size, m.Measure, Format(m.Median, m.Unit), Format(m.P99, m.Unit), Format(m.Max, m.Unit),
            m.Samples.Count.ToString(CultureInfo.InvariantCulture), Ratio(m, results),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        to.WriteLine(Line(header, widths));
        to.WriteLine("| " + string.Join(" | ", widths.Select(w => new string('-', w))) + " |");
        foreach (var row in rows)
            to.WriteLine(Line(row, widths));
        var notes = results.Where(m => m.Note is not null).Select(m => $"- {m.Benchmark}, {m.Case}, {m.Measure}: {m.Note}").Distinct().ToList();
        if (notes.Count > 0)
        {
            to.WriteLine();
            foreach (var note in notes)
                to.WriteLine(note);
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";

    private static string Format(double value, string unit) =>
        value.ToString(value >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture) + " " + unit;

    private static string Ratio(Measurement m, IReadOnlyList<Measurement> all)
    {
        if (m.Baseline is null)
            return "";
        var baseline = all.FirstOrDefault(b => b.Benchmark == m.Benchmark && b.Case == m.Baseline && b.Measure == m.Measure);
        return baseline is null || baseline.Median <= 0
            ? ""
            : (m.Median / baseline.Median).ToString("0.00", CultureInfo.InvariantCulture) + "× " + m.Baseline;
    }
}
