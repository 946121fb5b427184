using System.Diagnostics;
using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// Webhook intake: Telegram text updates POSTed to <c>/webhooks/{botKey}</c>, each one verified and committed to the inbox
/// before the 200, against a bare endpoint in the same app (<see cref="BareWebhookEndpoint"/>: the same body read and
/// parsed, then 200) driven the same way in the same run. At fixed rates (open loop) the latency; at saturation (closed
/// loop, 64 connections, as many in flight as Telegram opens per bot and more) the updates accepted per second and the
/// latency. Two bots: an active one (its processor records every update while the load runs, as in production) and a
/// disabled one (intake only: updates are kept but not processed). At the end every acknowledged update is looked up
/// in the inbox table: an acknowledged update that is not there would be a lost message. With two instances
/// (<c>--instances 2</c>) every endpoint, the bare one too, gets the updates round-robin (<see cref="InstanceClients"/>).
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    private const int Connections = 64;
    private const string Bare = "bare endpoint (parse, 200)";
    private const string Active = "webhook, active bot (intake + processing)";
    private const string Pipeline = "GET /webhooks/{key} (app pipeline, no body, no storage)";
    private const string Disabled = "webhook, disabled bot (intake only)";
    private const double GoalRatio = 0.5;

    public string Name => "ingest";
    public bool SpreadsOverInstances => true;
    public string Description => "Telegram updates/s accepted (committed, 200) and latency, against a bare parse-and-200 endpoint in the same app";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var seconds = options.Seconds ?? (options.Quick ? 2 : 10);
        var rates = options.Rates ?? (options.Quick ? [500] : [200, 1000]);
        var chats = options.Chats ?? 1000;

        await using var telegram = await FakeTelegramApi.StartAsync();
        var active = await TelegramBot.CreateAsync(app, "Bench ingest", telegram.Url, 1);
        var disabled = await TelegramBot.CreateAsync(app, "Bench ingest, disabled", telegram.Url, 2);
        // Disabled as the bot card's switch leaves it (the REST API has no switch): the state, then the directory's cache.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync())
            await db.Bots.Where(b => b.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.State, BotState.Disabled));
        foreach (var instance in app.AllServices)
            instance.GetRequiredService<BotCache>().Invalidate();
        using var http = new InstanceClients(app);
        var nextUpdate = 1L;
        var acknowledged = new Dictionary<long, List<long>> { [active.Id] = [], [disabled.Id] = [] };

        // Sends update number `first + i` for bot `bot` (null: the bare endpoint), chat after chat.
        Func<int, Task<bool>> Sender(TelegramBot? bot, long first) => i =>
        {
            var body = TelegramBot.TextUpdate(first + i, 600_000_000L + (first + i) % chats, $"Bench message {first + i}");
            return (bot ?? active).PostAsync(http.For(first + i, chats), body, bot is null ? BareWebhookEndpoint.Path : "");
        };
        void Remember(TelegramBot? bot, long first, LoadResult run)
        {
            if (bot is not null)
                acknowledged[bot.Id].AddRange(Enumerable.Range(0, run.Sent).Where(i => run.Ok[i]).Select(i => first + i));
        }
        async Task<LoadResult> Open(TelegramBot? bot, int count, int rate)
        {
            var first = nextUpdate;
            nextUpdate += count;
            var run = await Load.OpenAsync(count, rate, TimeSpan.FromSeconds(count / (double)rate + 30), Sender(bot, first));
            Remember(bot, first, run);
            return run;
        }
        async Task<LoadResult> Closed(TelegramBot? bot, TimeSpan duration)
        {
            var first = nextUpdate;
            var max = (int)(duration.TotalSeconds * 50_000);
            nextUpdate += max;
            var run = await Load.ClosedAsync(Connections, duration, max, Sender(bot, first));
            Remember(bot, first, run);
            return run;
        }

        Console.Error.WriteLine($"  warm-up: 1 s of each endpoint at saturation");
        foreach (var bot in new[] { null, active, disabled })
            await Closed(bot, TimeSpan.FromSeconds(1));
        await WaitForInboxAsync(app, TimeSpan.FromSeconds(60));

        var results = new List<Measurement>();
        foreach (var rate in rates)
        {
            var count = (int)Math.Round(rate * seconds);
            var measure = $"latency at {rate}/s";
            var size = $"{count:N0} updates, {chats} chats{http.InSize}";
            foreach (var (name, bot) in new[] { (Bare, (TelegramBot?)null), (Active, active) })
            {
                Console.Error.WriteLine($"  {name}: {count} updates at {rate}/s");
                var run = await Open(bot, count, rate);
                results.Add(Latency(name, size, measure, run, bot is null ? null : Bare));
            }
            await WaitForInboxAsync(app, TimeSpan.FromSeconds(60));
        }

        // Saturation last for the active bot: its processor's backlog would weigh on anything measured after it.
        var saturation = new Dictionary<string, LoadResult>();
        foreach (var (name, bot) in new[] { (Bare, (TelegramBot?)null), (Disabled, disabled), (Active, active) })
        {
            Console.Error.WriteLine($"  {name}: {seconds:0.#} s at saturation, {Connections} connections");
            saturation[name] = await Closed(bot, TimeSpan.FromSeconds(seconds));
            if (bot is null)
            {
                // Where the rest goes: the app's whole pipeline and routing to the webhook group, without a body or storage
                // (the troubleshooting GET that answers "Status: Ready").
                Console.Error.WriteLine($"  {Pipeline}: {seconds:0.#} s at saturation, {Connections} connections");
                saturation[Pipeline] = await Load.ClosedAsync(Connections, TimeSpan.FromSeconds(seconds), (int)(seconds * 50_000), async i =>
                {
                    using var answer = await http.For(i, chats).GetAsync($"/webhooks/{active.Key}");
                    return answer.IsSuccessStatusCode;
                });
            }
        }
        var bare = saturation[Bare].PerSecond;
        var satSize = $"{seconds:0.#} s, {Connections} connections{http.InSize}";
        foreach (var (name, run) in saturation)
        {
            var baseline = name == Bare ? null : Bare;
            var ratio = bare > 0 ? run.PerSecond / bare : 0;
            var note = baseline is null || name == Pipeline ? null
                : $"{run.Succeeded:N0} accepted, {run.Failed} not answered 200; goal ≥ {GoalRatio:P0} of the bare endpoint: " +
                  $"{(ratio >= GoalRatio ? "met" : "missed")} ({ratio:P0})";
            results.Add(new(Name, name, satSize, "accepted/s at saturation", "/s", [run.PerSecond], baseline, note));
            results.Add(Latency(name, satSize, "latency at saturation", run, baseline));
        }

        // Durability: every update answered 200 is a row of the inbox (a disabled bot's too, as Ignored).
        var drain = Stopwatch.StartNew();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        var missing = 0;
        var total = 0;
        foreach (var (botId, ids) in acknowledged)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var stored = (await db.Inbox.AsNoTracking().Where(u => u.BotId == botId).Select(u => u.ExternalId).ToListAsync()).ToHashSet();
            missing += ids.Count(id => !stored.Contains(id.ToString(CultureInfo.InvariantCulture)));
            total += ids.Count;
        }
        var durable = $"durability: {total - missing:N0} of {total:N0} acknowledged updates are in the inbox table" +
            (missing > 0 ? $" — {missing:N0} MISSING" : "");
        Console.Error.WriteLine($"  {durable} (checked in {drain.Elapsed.TotalSeconds:0.0} s)");
        var last = results.FindLastIndex(m => m.Case == Active && m.Measure == "accepted/s at saturation");
        results[last] = results[last] with { Note = results[last].Note + "; " + durable };
        if (missing > 0)
            throw new InvalidOperationException(durable);
        return results;
    }

    private Measurement Latency(string name, string size, string measure, LoadResult run, string? baseline)
    {
        var samples = run.OkLatencies;
        return new Measurement(Name, name, size, measure, "ms", samples.Count > 0 ? samples : [double.NaN], baseline,
            run.Failed > 0 ? $"{run.Failed} of {run.Sent} not answered 200" : null);
    }

    /// <summary>Waits (bounded) until the processor has no pending updates, so one step's backlog does not weigh on the next.</summary>
    public static async Task WaitForInboxAsync(BenchApp app, TimeSpan timeout)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (!await db.Inbox.AnyAsync(u => u.State == InboxState.Pending))
                return;
            await Task.Delay(200);
        }
        Console.Error.WriteLine($"  the processor still had pending updates after {timeout.TotalSeconds:0} s");
    }
}
