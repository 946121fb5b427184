using Bots1C.Domain.Conversations;

namespace Bots1C.Bench;

/// <summary>
/// Pulls the plug under load (CrashRun): Telegram updates for many chats to the real app as a child process, killed with
/// SIGKILL twice while they arrive and started again on the same data folder. Counts what docs/security.md (Crashes)
/// promises: every acknowledged update stored and processed once, no reply out of its chat's order or missing, and
/// replies sent twice at most one dispatcher batch per kill. The in-process app the bench starts is not used.
/// </summary>
public sealed class CrashBenchmark : IBenchmark
{
    private const int Bots = 10;

    public string Name => "crash";
    public string Description => "kill -9 twice under load: updates stored, processed twice, replies duplicated / out of order / missing";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var chats = options.Chats ?? (options.Quick ? 100 : 500);
        var perChat = options.Quick ? 4 : 10;
        var crash = new CrashOptions(Bots, chats, perChat, Kills: 2, Interval: TimeSpan.FromSeconds(0.1),
            Deadline: TimeSpan.FromSeconds(options.Quick ? 150 : 300), Instances: options.Instances);
        // On PostgreSQL the child app gets a database of its own: the in-process app (not used here) holds the other one.
        await using var database = options.PostgresServer is null ? null : await PostgresBenchDatabase.CreateAsync(options.PostgresServer);
        var figures = await CrashRun.RunAsync(crash, line => Console.Error.WriteLine("  " + line), database?.ConnectionString,
            options.Instances > 1 ? options.Redis : null);
        Console.Error.WriteLine("  " + figures);

        var size = $"{crash.Updates:N0} updates, {chats:N0} chats, {Bots} bots, 2 × kill -9" +
            (crash.Instances > 1 ? $", {crash.Instances} instances (each killed once; the second kill is not restarted)" : "");
        var bound = OutboxDispatcher.BatchSize * crash.Kills;
        Measurement Count(string measure, double value, string unit, string? note = null) =>
            new(Name, "kill -9 under load", size, measure, unit, [value], Note: note);
        return
        [
            Count("acknowledged, then stored", figures.Stored, "updates", $"{figures.Stored:N0} of {figures.Acknowledged:N0} acknowledged updates stored (of {figures.Updates:N0} sent)"),
            Count("processed twice", figures.ProcessedTwice, "updates"),
            Count("acknowledged, never processed", figures.Unprocessed, "updates"),
            Count("replies sent twice", figures.Duplicates, "replies", $"{figures.Replies:N0} sendMessage calls; the bound is one dispatcher batch per kill, {bound}"),
            Count("replies out of chat order", figures.OutOfOrder, "replies"),
            Count("replies missing", figures.Missing, "replies"),
            // One instance: nothing answers until it is back. Two: the survivor may answer at once.
            Count(crash.Instances > 1 ? "kill to the next reply (either instance)" : "restart to first reply", figures.Recovery.TotalSeconds, "s",
                $"the whole run {figures.Elapsed.TotalSeconds:0} s"),
        ];
    }
}
