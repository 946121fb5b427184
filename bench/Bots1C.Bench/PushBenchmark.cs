using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// Live push: Telegram text updates POSTed to the webhook at a fixed rate (open loop: a slow answer does not slow the
/// sender) across many chats, and the time from each POST's start to the <c>MessageAdded</c> event of that incoming
/// message at each of 20 operator clients connected to <c>/hubs/operators</c> (signed in through the login form,
/// each its own Operator). The baseline in the same run is the hub's <c>Ping</c> round trip from the same clients,
/// idle and while the load runs. Events are matched to updates exactly: each update's Telegram message id is unique,
/// and after the run the stored incoming messages map the event's message id back to the update.
/// </summary>
public sealed class PushBenchmark : IBenchmark
{
    public const int Clients = 20;
    private const string TelegramToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx";
    private const string Latency = "latency";
    private const string PingIdle = "hub Ping round trip, idle";
    private const string PingLoaded = "hub Ping round trip, under load";
    private const string Answered = "webhook POST answered (200)";
    private const string Pushed = "webhook POST → MessageAdded at a client";
    private const string Published = "webhook POST → published in the app (notifier)";
    private const double GoalP99 = 100;

    public string Name => "push";
    public string Description => "webhook POST → MessageAdded at 20 SignalR operator clients, against the hub's Ping round trip";

    private sealed record HubEvent(long BotId, long ConversationId, long? MessageId);

    private sealed class Client(HubConnection connection)
    {
        public HubConnection Connection { get; } = connection;
        /// <summary>(message id, Stopwatch timestamp) of every MessageAdded, in arrival order.</summary>
        public ConcurrentQueue<(long MessageId, long At)> Added { get; } = new();
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var seconds = options.Seconds ?? (options.Quick ? 3 : 30);
        var rate = options.Rate ?? options.Rates?[0] ?? 200;
        var chats = options.Chats ?? (options.Quick ? 200 : 1000);
        var pingsPerClient = options.Quick ? 25 : 100;

        await using var telegram = await FakeTelegramApi.StartAsync();
        using var api = app.ApiClient();
        var created = await api.PostAsJsonAsync("/api/v1/bots", new
        {
            name = "Bench push", messenger = "Telegram", token = TelegramToken, publicBaseUrl = "https://bench.example.ru",
            apiServerUrl = telegram.Url,
        });
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating the bot answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var bot = await created.Content.ReadFromJsonAsync<JsonElement>();
        var botId = bot.GetProperty("id").GetInt64();
        var botKey = bot.GetProperty("webhookUrl").GetString()!.Split('/')[^1];
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        string secret;
        await using (var db = await dbFactory.CreateDbContextAsync())
            secret = (await db.Bots.AsNoTracking().FirstAsync(b => b.Id == botId)).WebhookSecret;

        Console.Error.WriteLine($"  signing in {Clients} operators and connecting them to the hub");
        var clients = new List<Client>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                var email = $"operator{i}@bench.example.ru";
                await app.CreateUserAsync(email, BenchApp.AdminPassword, Roles.Operator);
                var cookies = await app.SignInAsync(email, BenchApp.AdminPassword);
                var connection = new HubConnectionBuilder()
                    .WithUrl(app.BaseUrl + "/hubs/operators", o =>
                    {
                        o.Cookies = cookies;
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                var client = new Client(connection);
                connection.On<HubEvent>(nameof(ConversationChange.MessageAdded), e =>
                {
                    var at = Stopwatch.GetTimestamp();
                    if (e.MessageId is { } id)
                        client.Added.Enqueue((id, at));
                });
                await connection.StartAsync();
                clients.Add(client);
            }

            // Where the time goes: the moment the processor publishes each incoming message in-process (before the
            // hub's broadcaster sends it to the clients).
            var published = new ConcurrentQueue<(long MessageId, long At)>();
            using var subscription = app.Services.GetRequiredService<ConversationNotifier>().Subscribe(e =>
            {
                if (e.Change == ConversationChange.MessageAdded && e.MessageId is { } id)
                    published.Enqueue((id, Stopwatch.GetTimestamp()));
                return Task.CompletedTask;
            });

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(app.BaseUrl),
                Timeout = TimeSpan.FromSeconds(30),
            };

            // Warm-up: the hub, then one update in every chat (contacts and dialogs exist from then on, as in a day's
            // work: the measured updates are messages in existing dialogs). Unmeasured.
            await PingAsync(clients, 10, TimeSpan.Zero, CancellationToken.None);
            var chatIds = Enumerable.Range(0, chats).Select(i => 500_000_000L + i).ToArray();
            var updateId = 1L;
            Console.Error.WriteLine($"  warm-up: one update in each of {chats} chats at {rate}/s");
            var warm = await DriveAsync(http, botKey, secret, chatIds, chats, rate, updateId, TimeSpan.FromSeconds(chats / (double)rate + 60));
            updateId += chats;
            var drain = Stopwatch.StartNew();
            var warmed = await WaitForEventsAsync(clients, warm.Sent, TimeSpan.FromSeconds(120));
            Console.Error.WriteLine($"  warm-up: {(warmed ? "every event arrived" : "NOT every event arrived")} {drain.Elapsed.TotalSeconds:0.0} s after the last POST was answered");
            foreach (var c in clients)
                c.Added.Clear();
            published.Clear();

            Console.Error.WriteLine($"  baseline: {pingsPerClient} Ping round trips from each of {clients.Count} clients, idle");
            var pingIdle = await PingAsync(clients, pingsPerClient, TimeSpan.Zero, CancellationToken.None);

            var total = (int)Math.Round(rate * seconds);
            Console.Error.WriteLine($"  load: {total} updates at {rate}/s over {chats} chats ({seconds:0.#} s), each client pinging every 250 ms");
            using var stopPings = new CancellationTokenSource();
            var pingsUnderLoad = PingAsync(clients, (int)(seconds * 4) + 40, TimeSpan.FromMilliseconds(250), stopPings.Token);
            var measured = await DriveAsync(http, botKey, secret, chatIds, total, rate, updateId, TimeSpan.FromSeconds(seconds + 60));
            drain.Restart();
            var complete = await WaitForEventsAsync(clients, measured.Sent, TimeSpan.FromSeconds(120));
            Console.Error.WriteLine($"  load: {(complete ? "every event arrived" : "NOT every event arrived")} {drain.Elapsed.TotalSeconds:0.0} s after the last POST was answered");
            await stopPings.CancelAsync();
            var pingLoaded = await pingsUnderLoad;

            // Which update each event is: the stored incoming message's Telegram id is the update's number.
            Dictionary<long, long> updateOfMessage;
            await using (var db = await dbFactory.CreateDbContextAsync())
                updateOfMessage = (await db.Messages.AsNoTracking()
                        .Where(m => m.Direction == MessageDirection.Incoming && m.Conversation!.BotId == botId)
                        .Select(m => new { m.Id, m.ExternalMessageId }).ToListAsync())
                    .Where(m => long.TryParse(m.ExternalMessageId, out var x) && x >= updateId)
                    .ToDictionary(m => m.Id, m => long.Parse(m.ExternalMessageId!) - updateId);
            var latencies = new List<double>();
            var duplicates = 0;
            foreach (var client in clients)
            {
                var seen = new HashSet<long>();
                foreach (var (messageId, at) in client.Added)
                {
                    if (!updateOfMessage.TryGetValue(messageId, out var index) || measured.Started[index] == 0)
                        continue;
                    if (!seen.Add(index))
                    {
                        duplicates++;
                        continue;
                    }
                    latencies.Add(Stopwatch.GetElapsedTime(measured.Started[index], at).TotalMilliseconds);
                }
            }

            var inApp = new List<double>();
            foreach (var (messageId, at) in published)
                if (updateOfMessage.TryGetValue(messageId, out var index) && measured.Started[index] != 0)
                    inApp.Add(Stopwatch.GetElapsedTime(measured.Started[index], at).TotalMilliseconds);

            // Does a backlog build up? The in-app latency of the first and the last tenth of the updates.
            var byUpdate = published.Where(p => updateOfMessage.ContainsKey(p.MessageId))
                .Select(p => (Index: updateOfMessage[p.MessageId], Ms: Stopwatch.GetElapsedTime(measured.Started[updateOfMessage[p.MessageId]], p.At).TotalMilliseconds))
                .OrderBy(p => p.Index).ToList();
            var tenth = Math.Max(1, byUpdate.Count / 10);
            var trend = byUpdate.Count == 0 ? "" :
                $"; in-app latency of the first tenth of the updates {Median(byUpdate.Take(tenth).Select(p => p.Ms)):0} ms, of the last tenth {Median(byUpdate.TakeLast(tenth).Select(p => p.Ms)):0} ms (median)";
            var expected = (long)measured.Sent * clients.Count;
            var size = $"{rate}/s × {seconds:0.#} s, {chats} chats, {clients.Count} clients";
            var pushedNote = $"{latencies.Count:N0} of {expected:N0} events received ({measured.Sent:N0} updates × {clients.Count} clients)" +
                (complete ? "" : ", not all within 120 s of the last POST") +
                (duplicates > 0 ? $", {duplicates} duplicates" : "") +
                trend + $"; {measured.Failed} POST(s) not answered 200; sendMessage calls to the fake Bot API: {telegram.Calls.GetValueOrDefault("sendMessage")}";
            var results = new List<Measurement>
            {
                new(Name, PingIdle, $"{clients.Count} clients × {pingsPerClient}", Latency, "ms", pingIdle),
                new(Name, PingLoaded, size, Latency, "ms", pingLoaded, PingIdle),
                new(Name, Answered, size, Latency, "ms", measured.Answers, PingIdle),
            };
            if (inApp.Count > 0)
                results.Add(new(Name, Published, size, Latency, "ms", inApp, PingIdle));
            if (latencies.Count > 0)
            {
                var pushed = new Measurement(Name, Pushed, size, Latency, "ms", latencies, PingIdle, pushedNote);
                results.Add(pushed with
                {
                    Note = pushedNote + $"; goal p99 ≤ {GoalP99:0} ms {(pushed.P99 <= GoalP99 ? "met" : "missed")} (p99 {pushed.P99:0.0} ms)",
                });
            }
            else
            {
                Console.Error.WriteLine("  no event matched an update: " + pushedNote);
            }
            return results;
        }
        finally
        {
            foreach (var client in clients)
                await client.Connection.DisposeAsync();
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private sealed record Drive(int Sent, int Failed, long[] Started, List<double> Answers);

    /// <summary>POSTs <paramref name="count"/> updates at <paramref name="rate"/> per second, chat after chat, without waiting
    /// for answers before the next is due (open loop); returns when all are answered or the deadline passes.</summary>
    private static async Task<Drive> DriveAsync(HttpClient http, string botKey, string secret, long[] chatIds, int count, int rate,
        long firstUpdateId, TimeSpan deadline)
    {
        var started = new long[count];
        var answers = new double[count];
        var failed = 0;
        var inFlight = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var i = 0; i < count && clock.Elapsed < deadline; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var index = i;
            var body = TelegramText(firstUpdateId + i, chatIds[i % chatIds.Length], $"Bench message {i}");
            // The POST's start is taken on the sender's loop: if the sender runs late, that counts against the figure.
            started[index] = Stopwatch.GetTimestamp();
            inFlight.Add(PostAsync(index, body));
            sent++;
        }
        var all = Task.WhenAll(inFlight);
        async Task PostAsync(int index, byte[] body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{botKey}")
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
            };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            try
            {
                using var response = await http.SendAsync(request);
                answers[index] = Stopwatch.GetElapsedTime(started[index]).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                    Interlocked.Increment(ref failed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers[index] = -1;
                Interlocked.Increment(ref failed);
            }
        }

        var remaining = deadline - clock.Elapsed;
        await Task.WhenAny(all, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
        return new Drive(sent, failed, started, answers.Take(sent).Where(a => a > 0).ToList());
    }

    /// <summary>Waits until every client has seen at least <paramref name="expected"/> MessageAdded events (other dialogs'
    /// events would count too; here there are none), or the time is up. True when all arrived.</summary>
    private static async Task<bool> WaitForEventsAsync(List<Client> clients, int expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (clients.All(c => c.Added.Count >= expected))
                return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>Each client calls <c>Ping</c> up to <paramref name="count"/> times one after another (with
    /// <paramref name="pause"/> between), all clients at once; the round trips in milliseconds.</summary>
    private static async Task<List<double>> PingAsync(List<Client> clients, int count, TimeSpan pause, CancellationToken stop)
    {
        var all = await Task.WhenAll(clients.Select(async client =>
        {
            var samples = new List<double>(count);
            for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var answer = await client.Connection.InvokeAsync<long>("Ping", (long)i, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (answer != i)
                    throw new InvalidOperationException($"Ping({i}) answered {answer}.");
                samples.Add(elapsed);
                if (pause > TimeSpan.Zero)
                {
                    try { await Task.Delay(pause, stop); }
                    catch (OperationCanceledException) { break; }
                }
            }
            return samples;
        }));
        return all.SelectMany(s => s).ToList();
    }

    /// <summary>A Telegram text update whose message id is its update id (unique, so an event can be traced back to it).</summary>
    private static byte[] TelegramText(long updateId, long chatId, string text) => Encoding.UTF8.GetBytes($$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1441645532,
         "chat":{"id":{{{chatId}}},"type":"private","first_name":"Ivan"},
         "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Ivan","username":"ivan{{{chatId}}}","language_code":"ru"},
         "text":"{{{text}}}"}}
        """);
}
