using System.Net.Http.Json;
using System.Diagnostics;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// The whole message path: a Telegram text update POSTed to the webhook → inbox → processor (contact, dialog, message,
/// the bot's scenario answers) → outbox → the bot's <c>sendMessage</c> arriving at the fake Bot API. Latency from the
/// POST's start to that arrival, at fixed rates (open loop) across many chats, against the fake API's own round trip
/// (the bench POSTing <c>sendMessage</c> to it directly at the same rate) in the same run.
/// The updates are spread over 25 bots (40 chats each at 1,000 chats): the app keeps each Telegram bot under Telegram's
/// ~30 messages/s (and each chat under 1/s, <c>SendPacer</c>), so 500 replies a second need at least 17 bots; spread this
/// way the pacing never holds a reply back and the figure is the app's own.
/// Each reply is paired with its update by chat: within a chat the k-th sendMessage answers the k-th update (the
/// processor keeps a chat's order, and the scenario answers every text with exactly one message). With two instances
/// (<c>--instances 2</c>) the updates go round-robin, each chat's alternating between them (<see cref="InstanceClients"/>);
/// the bots and the scenario are made on the first, which tells the other through Redis as in production.
/// </summary>
public sealed class ReplyBenchmark : IBenchmark
{
    private const int Bots = 25;
    private const string Baseline = "fake Bot API round trip (sendMessage POST)";
    private const string Answered = "webhook POST answered (200)";
    private const string Replied = "webhook POST → sendMessage at the fake Bot API";
    private const double GoalP99 = 50;
    private const int GoalRate = 500;

    public string Name => "reply";
    public bool SpreadsOverInstances => true;
    public string Description => "webhook POST → the bot's sendMessage at the fake Bot API, against the fake API's own round trip";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var seconds = options.Seconds ?? (options.Quick ? 3 : 20);
        var rates = options.Rates ?? [100, 500];
        var chats = Math.Max(Bots, options.Chats ?? 1000);

        await using var telegram = await FakeTelegramApi.StartAsync();
        var catalog = app.Services.GetRequiredService<ScenarioCatalog>();
        var scenario = await catalog.CreateAsync(new ScenarioDefinition
        {
            Name = "Bench reply",
            Steps =
            [
                new Step { Id = "start", Kind = StepKind.Start },
                new Step { Id = "m", Kind = StepKind.Message, Text = "Спасибо, {{contact.firstName}}! Мы получили ваше сообщение." },
                new Step { Id = "end", Kind = StepKind.End },
            ],
            Transitions = [new Transition { From = "start", To = "m" }, new Transition { From = "m", To = "end" }],
        }, "bench");
        if (!scenario.Saved)
            throw new InvalidOperationException("The reply scenario was not saved: " + string.Join("; ", scenario.Problems.Select(p => p.Message)));
        var settings = app.Services.GetRequiredService<BotScenarioSettings>();
        var bots = new List<TelegramBot>();
        Console.Error.WriteLine($"  creating {Bots} Telegram bots answering every text with one message");
        for (var b = 0; b < Bots; b++)
        {
            var bot = await TelegramBot.CreateAsync(app, $"Bench reply {b + 1}", telegram.Url, 100 + b);
            var set = await settings.SetAsync(bot.Id, new BotScenarioChoice(null, scenario.Scenario!.Id, []), "bench");
            if (!set.Succeeded)
                throw new InvalidOperationException("Setting the bot's scenario failed: " + string.Join("; ", set.Errors.Select(e => e.ErrorMessage)));
            bots.Add(bot);
        }

        using var http = new InstanceClients(app);
        using var fakeHttp = Load.Client(telegram.Url);
        var chatIds = Enumerable.Range(0, chats).Select(i => 700_000_000L + i).ToArray();
        var nextUpdate = 1L;

        // Sends updates at `rate`; returns the run and, per update, its chat.
        async Task<(LoadResult Run, long[] Chat)> Drive(int count, int rate)
        {
            var first = nextUpdate;
            nextUpdate += count;
            var chatOf = Enumerable.Range(0, count).Select(i => chatIds[(first + i) % chats]).ToArray();
            var run = await Load.OpenAsync(count, rate, TimeSpan.FromSeconds(count / (double)rate + 30), i =>
                bots[(int)(chatOf[i] % Bots)].PostAsync(http.For(first + i, chats), TelegramBot.TextUpdate(first + i, chatOf[i], $"Bench message {first + i}")));
            return (run, chatOf);
        }

        // Warm-up: one update in every chat (contacts and dialogs exist from then on, as in a day's work), at the
        // lowest rate so the replies' per-chat pacing is over long before the measured updates come.
        var warmRate = Math.Min(rates.Min(), 200);
        Console.Error.WriteLine($"  warm-up: one update in each of {chats} chats at {warmRate}/s");
        var warm = await Drive(chats, warmRate);
        await WaitForRepliesAsync(telegram, warm.Run.Succeeded, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var results = new List<Measurement>();
        foreach (var rate in rates)
        {
            var count = (int)Math.Round(rate * seconds);
            var size = $"{rate}/s × {seconds:0.#} s, {chats:N0} chats, {Bots} bots{http.InSize}";

            // The baseline at the same rate: the fake API's round trip from this process, nothing of the app in it.
            telegram.SentMessages.Clear();
            var baseCount = Math.Min(count, rate * 5);
            Console.Error.WriteLine($"  baseline: {baseCount} sendMessage POSTs to the fake Bot API at {rate}/s");
            var baseline = await Load.OpenAsync(baseCount, rate, TimeSpan.FromSeconds(baseCount / (double)rate + 30), async i =>
            {
                using var answer = await fakeHttp.PostAsJsonAsync($"/bot{bots[0].Token}/sendMessage", new { chat_id = 1, text = "Bench baseline" });
                return answer.IsSuccessStatusCode;
            });
            results.Add(new(Name, Baseline, $"{rate}/s × {baseCount:N0}", $"latency at {rate}/s", "ms", baseline.OkLatencies));

            telegram.SentMessages.Clear();
            Console.Error.WriteLine($"  load: {count} updates at {rate}/s over {chats} chats");
            using var stopWatching = new CancellationTokenSource();
            var backlog = WatchBacklogAsync(app, stopWatching.Token);
            var (run, chatOf) = await Drive(count, rate);
            var drain = Stopwatch.StartNew();
            var complete = await WaitForRepliesAsync(telegram, run.Succeeded, TimeSpan.FromSeconds(60));
            await stopWatching.CancelAsync();
            var (inboxMax, outboxMax) = await backlog;
            Console.Error.WriteLine($"  {(complete ? "every reply arrived" : "NOT every reply arrived")} {drain.Elapsed.TotalSeconds:0.0} s after the last POST was answered");

            // Pair the k-th reply in a chat with the k-th update sent to it.
            var updatesOfChat = Enumerable.Range(0, run.Sent).Where(i => run.Ok[i]).GroupBy(i => chatOf[i])
                .ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => new Queue<int>(g));
            var latencies = new List<double>();
            var byUpdate = new List<(int Index, double Ms)>();
            var unmatched = 0;
            foreach (var (chatId, at) in telegram.SentMessages)
            {
                if (updatesOfChat.TryGetValue(chatId, out var queue) && queue.TryDequeue(out var index))
                {
                    var ms = Stopwatch.GetElapsedTime(run.Started[index], at).TotalMilliseconds;
                    latencies.Add(ms);
                    byUpdate.Add((index, ms));
                }
                else
                {
                    unmatched++;
                }
            }
            results.Add(new(Name, Answered, size, $"latency at {rate}/s", "ms", run.OkLatencies, Baseline,
                run.Failed > 0 ? $"{run.Failed} of {run.Sent} POSTs not answered 200" : null));
            if (latencies.Count == 0)
            {
                Console.Error.WriteLine($"  no reply matched an update ({telegram.SentMessages.Count} sendMessage calls)");
                continue;
            }
            byUpdate.Sort((a, b) => a.Index.CompareTo(b.Index));
            // Where in the step the slow replies are (the start of a step, or a backlog that keeps growing): per second of sending.
            Console.Error.WriteLine("  by second sent, median / p99 ms: " + string.Join(", ", byUpdate.GroupBy(p => p.Index / rate)
                .Select(g => (Second: g.Key + 1, Latency: new Measurement(Name, Replied, "", "", "ms", g.Select(p => p.Ms).ToList())))
                .Select(s => $"{s.Second}: {s.Latency.Median:0}/{s.Latency.P99:0}")));
            var tenth = Math.Max(1, byUpdate.Count / 10);
            var note = $"{latencies.Count:N0} replies for {run.Succeeded:N0} accepted updates" + (unmatched > 0 ? $", {unmatched} unmatched" : "") +
                $"; largest backlog: {inboxMax} updates waiting for the processor, {outboxMax} replies waiting in the outbox" +
                $"; median of the first tenth {Median(byUpdate.Take(tenth).Select(p => p.Ms)):0.0} ms, of the last tenth {Median(byUpdate.TakeLast(tenth).Select(p => p.Ms)):0.0} ms";
            var replied = new Measurement(Name, Replied, size, $"latency at {rate}/s", "ms", latencies, Baseline, note);
            if (rate == GoalRate && chats >= 1000)
                replied = replied with { Note = note + $"; goal p99 ≤ {GoalP99:0} ms at {GoalRate}/s over 1,000 chats {(replied.P99 <= GoalP99 ? "met" : "missed")} (p99 {replied.P99:0.0} ms)" };
            results.Add(replied);
            await IngestBenchmark.WaitForInboxAsync(app, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the per-chat pacing of the last replies is over before the next rate
        }
        return results;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    /// <summary>Where a queue builds up: every 250 ms (until stopped) the pending inbox updates (waiting for the processor) and
    /// pending outbox items (waiting for the dispatcher); returns the largest of each.</summary>
    private static async Task<(int Inbox, int Outbox)> WatchBacklogAsync(BenchApp app, CancellationToken stop)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        int inbox = 0, outbox = 0;
        while (!stop.IsCancellationRequested)
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                inbox = Math.Max(inbox, await db.Inbox.CountAsync(u => u.State == InboxState.Pending));
                outbox = Math.Max(outbox, await db.Outbox.CountAsync(o => o.State == OutboxState.Pending));
            }
            try { await Task.Delay(250, stop); }
            catch (OperationCanceledException) { break; }
        }
        return (inbox, outbox);
    }

    /// <summary>Waits (bounded) until the fake API has received <paramref name="expected"/> sendMessage calls since it was cleared.</summary>
    private static async Task<bool> WaitForRepliesAsync(FakeTelegramApi telegram, int expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (telegram.SentMessages.Count >= expected)
                return true;
            await Task.Delay(20);
        }
        return false;
    }
}
