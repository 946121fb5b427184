using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Bench;

/// <summary>What a crash run is asked to do: Telegram updates in <paramref name="Chats"/> chats spread over
/// <paramref name="Bots"/> bots, <paramref name="UpdatesPerChat"/> each, one per chat every <paramref name="Interval"/>;
/// the app is killed (SIGKILL) <paramref name="Kills"/> times while they arrive; the run gives up after <paramref name="Deadline"/>.
/// With <paramref name="Instances"/> = 2, two app processes share the database (and Redis, when given) behind one
/// "address": each update goes to either, a refused one to the other; each kill takes one instance down, and after the
/// last kill the survivor finishes alone.</summary>
public sealed record CrashOptions(int Bots, int Chats, int UpdatesPerChat, int Kills, TimeSpan Interval, TimeSpan Deadline, int Instances = 1)
{
    public int Updates => Chats * UpdatesPerChat;
}

/// <summary>
/// What a crash run counted. <paramref name="Acknowledged"/>: updates the app answered 200 (a refused or unanswered POST
/// is sent again, as Telegram does). <paramref name="Stored"/>: acknowledged updates found in the inbox (once each: the key
/// is unique). <paramref name="ProcessedTwice"/>: updates recorded as more than one message. <paramref name="Unprocessed"/>:
/// acknowledged updates with no message. Replies: <paramref name="Duplicates"/> sent more than once,
/// <paramref name="OutOfOrder"/> arriving after a later reply of the same chat, <paramref name="Missing"/> never arriving.
/// </summary>
public sealed record CrashFigures(int Updates, int Acknowledged, int Stored, int ProcessedTwice, int Unprocessed, int Replies,
    int Duplicates, int OutOfOrder, int Missing, int Kills, TimeSpan Elapsed, TimeSpan Recovery)
{
    public override string ToString() =>
        $"{Updates} updates, {Kills} kill(s): {Acknowledged} acknowledged, {Stored} stored, {ProcessedTwice} processed twice, " +
        $"{Unprocessed} unprocessed; {Replies} replies, {Duplicates} duplicates, {OutOfOrder} out of order, {Missing} missing; " +
        $"{Elapsed.TotalSeconds:0.0} s in all, longest wait from a kill to the next reply {Recovery.TotalSeconds:0.0} s";
}

/// <summary>
/// Pulls the plug under load: runs the real app as a child process (<c>dotnet Bots1C.Web.dll</c> from the build output,
/// its own data folder, a Telegram Bot API stand-in on loopback), sends it Telegram webhooks for many chats, kills it
/// with SIGKILL midway, starts it again on the same data folder, and counts what was stored, processed and replied.
/// Each bot's scenario answers a text with the sender's first name, and every update names its sender "u&lt;k&gt;" (its
/// number in the chat), so each reply says which update it answers. Used by the bench's <c>crash</c> scenario and by
/// Bots1C.Tests (Web/Crash/CrashTests), which links this file.
/// </summary>
public static class CrashRun
{
    private const string ApiKey = "b1c_crash-run-key-for-the-rest-api";
    private const long FirstChat = 900_000_000;

    /// <param name="postgres">A PostgreSQL connection string for the app's database (an empty one, used by this run only);
    /// null: SQLite in the data folder.</param>
    /// <param name="redis">A Redis configuration string joining two instances (a channel prefix of this run's own is added).</param>
    public static async Task<CrashFigures> RunAsync(CrashOptions options, Action<string> log, string? postgres = null, string? redis = null)
    {
        if (options.Instances is < 1 or > 2)
            throw new ArgumentOutOfRangeException(nameof(options), "One or two instances.");
        var clock = Stopwatch.StartNew();
        // Two instances on one machine share the data folder too, as two services of one installation would: the keys,
        // and the instances' lock files, by which the survivor sees at once that the other died.
        var data = new AppData(Directory.CreateTempSubdirectory("bots1c-crash-").FullName, postgres, redis, $"bots1c-crash-{Guid.NewGuid():N}");
        await using var telegram = await FakeTelegramApi.StartAsync();
        var running = new ChildApp?[options.Instances];
        try
        {
            running[0] = await ChildApp.StartAsync(data, log);
            var bots = await CreateBotsAsync(running[0]!, data, telegram.Url, options.Bots);
            if (options.Instances == 2)
                running[1] = await ChildApp.StartAsync(data, log);
            log($"{options.Bots} bots ready after {clock.Elapsed.TotalSeconds:0.0} s; sending {options.Updates} updates in {options.Chats} chats to {options.Instances} instance(s)");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false })
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
            var acknowledged = new ConcurrentDictionary<(int Bot, long UpdateId), bool>();
            var deadline = clock.Elapsed + options.Deadline;
            // Each chat sends its updates in order, the next only after the last was acknowledged: Telegram's own way.
            var senders = Enumerable.Range(0, options.Chats).Select(chat => Task.Run(async () =>
            {
                var bot = bots[chat % bots.Count];
                var chatId = FirstChat + chat;
                await Task.Delay(TimeSpan.FromMilliseconds(options.Interval.TotalMilliseconds * chat / options.Chats));
                for (var k = 1; k <= options.UpdatesPerChat; k++)
                {
                    var due = clock.Elapsed + options.Interval;
                    var updateId = chat * 10_000L + k;
                    var body = Update(updateId, chatId, k);
                    for (var attempt = 0; clock.Elapsed < deadline; attempt++)
                    {
                        // Spread over the instances by update; a refused POST goes to the next one, as a balancer would.
                        if (Volatile.Read(ref running[(int)((updateId + attempt) % running.Length)]) is { } target
                            && await PostAsync(http, target.BaseUrl, bot, body))
                        {
                            acknowledged[(bot.Index, updateId)] = true;
                            break;
                        }
                        if (attempt % running.Length == running.Length - 1)
                            await Task.Delay(200);
                    }
                    if (due > clock.Elapsed)
                        await Task.Delay(due - clock.Elapsed);
                }
            })).ToList();

            // Kill at even steps of the acknowledged count. One instance: start it again on the same folder at once. Two:
            // kill them in turn; the killed one comes back unless it was the last kill, after which the other finishes alone.
            var recovery = TimeSpan.Zero;
            for (var kill = 1; kill <= options.Kills; kill++)
            {
                var at = options.Updates * kill / (options.Kills + 1);
                while (acknowledged.Count < at && clock.Elapsed < deadline && senders.Any(s => !s.IsCompleted))
                    await Task.Delay(10);
                var repliesBefore = telegram.SentTexts.Count;
                var victim = (kill - 1) % running.Length;
                var killed = Volatile.Read(ref running[victim])!;
                Volatile.Write(ref running[victim], null);
                killed.Kill();
                log($"kill -9 #{kill} of instance {victim + 1} at {acknowledged.Count} acknowledged updates, {repliesBefore} replies, {clock.Elapsed.TotalSeconds:0.0} s");
                var sinceKill = Stopwatch.StartNew();
                // The restart runs while the replies are watched: with two instances the survivor may answer before the
                // killed one is back, and that is what the figure should show (with one, nothing answers until then).
                var restart = running.Length == 1 || kill < options.Kills ? ChildApp.StartAsync(data, log) : null;
                while (telegram.SentTexts.Count == repliesBefore && clock.Elapsed < deadline)
                    await Task.Delay(10);
                recovery = recovery > sinceKill.Elapsed ? recovery : sinceKill.Elapsed;
                log($"first reply {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
                if (restart is not null)
                    Volatile.Write(ref running[victim], await restart);
            }
            await Task.WhenAll(senders);
            log($"all senders done at {clock.Elapsed.TotalSeconds:0.0} s, {acknowledged.Count} acknowledged");

            // Wait (bounded) until every acknowledged update has its reply.
            var expected = acknowledged.Keys.Select(k => ((FirstChat + k.UpdateId / 10_000).ToString(), (int)(k.UpdateId % 10_000))).ToHashSet();
            while (clock.Elapsed < deadline && !expected.IsSubsetOf(Replies(telegram)))
                await Task.Delay(50);
            await Task.Delay(500); // a late duplicate would still show
            var elapsed = clock.Elapsed;
            foreach (var app in running)
                app?.Kill();

            var (stored, twice, unprocessed) = await CountStoredAsync(data, bots, acknowledged.Keys.ToList());
            var replies = telegram.SentTexts.ToList();
            var distinct = Replies(telegram);
            var outOfOrder = 0;
            foreach (var chat in replies.GroupBy(r => r.ChatId))
            {
                var highest = 0;
                foreach (var (_, text) in chat)
                {
                    var k = Number(text);
                    if (k < highest)
                        outOfOrder++;
                    highest = Math.Max(highest, k);
                }
            }
            return new CrashFigures(options.Updates, acknowledged.Count, stored, twice, unprocessed, replies.Count,
                replies.Count - distinct.Count, outOfOrder, expected.Count(e => !distinct.Contains(e)), options.Kills, elapsed, recovery);
        }
        finally
        {
            foreach (var app in running)
                app?.Kill();
            try { Directory.Delete(data.Folder, recursive: true); }
            catch (IOException) { /* the OS temp cleaner takes it */ }
        }
    }

    private static HashSet<(string ChatId, int K)> Replies(FakeTelegramApi telegram) =>
        telegram.SentTexts.Select(r => (r.ChatId, Number(r.Text))).ToHashSet();

    private static int Number(string? text) => text is ['u', .. var digits] && int.TryParse(digits, out var k) ? k : -1;

    private sealed record Bot(int Index, long Id, string Key, string Secret);

    /// <summary>Where the app keeps its state across kills: its data folder and, on PostgreSQL, its database; the Redis
    /// that joins two instances, under a channel prefix of this run's own.</summary>
    private sealed record AppData(string Folder, string? Postgres, string? Redis, string RedisPrefix)
    {
        public DatabaseOptions Database => Postgres is null
            ? new DatabaseOptions()
            : new DatabaseOptions { Provider = DatabaseKind.Postgres, ConnectionString = Postgres };
    }

    private static async Task<List<Bot>> CreateBotsAsync(ChildApp app, AppData data, string apiServerUrl, int count)
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        // Answers every text with the sender's first name: "u<k>", the update's number in its chat.
        const string echo = """
            {"format":"bots1c-scenarios","version":1,"scenarios":[{"key":"crash-echo","name":"Crash echo","triggers":[],
             "steps":[{"id":"start","kind":"Start"},{"id":"m","kind":"Message","text":"{{contact.firstName}}"},{"id":"end","kind":"End"}],
             "transitions":[{"from":"start","outcome":"next","to":"m"},{"from":"m","outcome":"next","to":"end"}]}]}
            """;
        using var imported = await api.PostAsync("/api/v1/scenarios/import", new StringContent(echo, Encoding.UTF8, "application/json"));
        var importedBody = await imported.Content.ReadAsStringAsync();
        if (!imported.IsSuccessStatusCode)
            throw new InvalidOperationException($"Importing the echo scenario answered {(int)imported.StatusCode}: {importedBody}");
        var scenarioId = JsonDocument.Parse(importedBody).RootElement.GetProperty("ids")[0].GetInt64();

        var bots = new List<Bot>();
        for (var b = 0; b < count; b++)
        {
            using var created = await api.PostAsJsonAsync("/api/v1/bots", new
            {
                name = $"Crash {b + 1}", messenger = "Telegram", token = $"{223456789 + b}:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx",
                publicBaseUrl = "https://crash.example.ru", apiServerUrl, notMatchedScenarioId = scenarioId,
            });
            var body = await created.Content.ReadAsStringAsync();
            if (!created.IsSuccessStatusCode)
                throw new InvalidOperationException($"Creating a bot answered {(int)created.StatusCode}: {body}");
            var bot = JsonDocument.Parse(body).RootElement;
            bots.Add(new Bot(b, bot.GetProperty("id").GetInt64(), bot.GetProperty("webhookUrl").GetString()!.Split('/')[^1], ""));
        }
        // The secret Telegram would send back is stored, never answered: read it from the database (WAL: readers do not block).
        await using var db = OpenDatabase(data);
        var secrets = await db.Bots.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.WebhookSecret);
        return bots.Select(b => b with { Secret = secrets[b.Id] }).ToList();
    }

    private static async Task<bool> PostAsync(HttpClient http, string baseUrl, Bot bot, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/webhooks/{bot.Key}")
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", bot.Secret);
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false; // the app is down or restarting: Telegram would try again
        }
    }

    private static byte[] Update(long updateId, long chatId, int k) => Encoding.UTF8.GetBytes($$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1441645532,
         "chat":{"id":{{{chatId}}},"type":"private","first_name":"u{{{k}}}"},
         "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"u{{{k}}}","language_code":"ru"},
         "text":"Message {{{k}}}"}}
        """);

    /// <summary>Acknowledged updates in the inbox; updates recorded as more than one incoming message; acknowledged ones with none.</summary>
    private static async Task<(int Stored, int Twice, int Unprocessed)> CountStoredAsync(AppData data, List<Bot> bots, List<(int Bot, long UpdateId)> acknowledged)
    {
        await using var db = OpenDatabase(data);
        var inbox = (await db.Inbox.AsNoTracking().Select(i => new { i.BotId, i.ExternalId }).ToListAsync())
            .Select(i => (i.BotId, i.ExternalId)).ToHashSet();
        var stored = acknowledged.Count(a => inbox.Contains((bots[a.Bot].Id, a.UpdateId.ToString())));
        var incoming = await db.Messages.AsNoTracking().Where(m => m.Direction == Bots1C.Domain.Conversations.MessageDirection.Incoming)
            .Select(m => new { m.ConversationId, m.ExternalMessageId }).ToListAsync();
        var twice = incoming.GroupBy(m => (m.ConversationId, m.ExternalMessageId)).Count(g => g.Count() > 1);
        var recorded = incoming.Select(m => m.ExternalMessageId).ToHashSet();
        var unprocessed = acknowledged.Count(a => !recorded.Contains(a.UpdateId.ToString()));
        return (stored, twice, unprocessed);
    }

    private static Bots1CDbContext OpenDatabase(AppData data)
    {
        var options = new DbContextOptionsBuilder<Bots1CDbContext>();
        DatabaseProvider.Configure(options, data.Database, new DataFolder(data.Folder));
        return new Bots1CDbContext(options.Options);
    }

    /// <summary>The app as a child process: <c>dotnet Bots1C.Web.dll</c> from the build output, on a free loopback port.</summary>
    private sealed class ChildApp
    {
        private static readonly ECDsa VendorKey = LicenseKeys.NewKey();
        private readonly Process _process;

        private ChildApp(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public static async Task<ChildApp> StartAsync(AppData data, Action<string> log)
        {
            var port = FreePort();
            var dll = WebAppDll();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[dll, "--urls", $"http://127.0.0.1:{port}", $"--Bots1C:DataPath={data.Folder}",
                         // The SSRF guard refuses a Bot API on loopback unless listed: the stand-in is on loopback.
                         "--Bots1C:Scenarios:HttpAllowedHosts:0=127.0.0.0/8", "--Bots1C:Messengers:ApiAllowedHosts:0=127.0.0.0/8"])
                start.ArgumentList.Add(arg);
            var license = LicenseKeys.Sign(new LicenseDocument("crash-unlimited", LicenseType.Working, "7707083893", "crash", null, null,
                DateTimeOffset.UtcNow.AddDays(-1), null, null, null, null) { KeyId = "crash" }, VendorKey);
            start.Environment["Bots1C__Bootstrap__ApiKey"] = ApiKey;
            start.Environment["Bots1C__Bootstrap__LicenseKey"] = license;
            start.Environment["Bots1C__Licensing__VendorKeys__crash"] = LicenseKeys.PublicPem(VendorKey);
            start.Environment["Bots1C__Diagnostics__CheckIntervalMinutes"] = "0";
            if (data.Postgres is not null)
            {
                // In the environment, not on the command line: the connection string holds the password.
                start.Environment["Bots1C__Database__Provider"] = "Postgres";
                start.Environment["Bots1C__Database__ConnectionString"] = data.Postgres;
            }
            if (data.Redis is not null)
            {
                start.Environment["Bots1C__Redis__Connection"] = data.Redis;
                start.Environment["Bots1C__Redis__ChannelPrefix"] = data.RedisPrefix;
            }
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error";
            start.Environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var lastLines = new ConcurrentQueue<string>();
            void Keep(string? line)
            {
                if (line is null)
                    return;
                lastLines.Enqueue(line);
                while (lastLines.Count > 40)
                    lastLines.TryDequeue(out _);
            }
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var app = new ChildApp(process, $"http://127.0.0.1:{port}");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (process.HasExited)
                    break;
                try
                {
                    using var health = await http.GetAsync($"{app.BaseUrl}/health");
                    if (health.IsSuccessStatusCode)
                    {
                        log($"app started (process {process.Id}) in {waited.Elapsed.TotalSeconds:0.0} s");
                        return app;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(100);
            }
            app.Kill();
            throw new InvalidOperationException($"The app did not start within 90 s; its last lines:\n{string.Join('\n', lastLines)}");
        }

        /// <summary>SIGKILL on Unix: no shutdown code runs, as when the plug is pulled.</summary>
        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                    _process.Kill();
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // never started or already gone
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>Bots1C.Web's own build output (with its runtimeconfig), found from this program's: the same configuration
        /// and target framework, under the repository root (the folder with Bots1C.sln).</summary>
        private static string WebAppDll()
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = here.Name;
            var configuration = here.Parent!.Name;
            for (var dir = here; dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Bots1C.sln")))
                {
                    var dll = Path.Combine(dir.FullName, "Bots1C.Web", "bin", configuration, framework, "Bots1C.Web.dll");
                    if (File.Exists(dll))
                        return dll;
                    throw new FileNotFoundException($"Build Bots1C.Web ({configuration}) first: {dll} is missing.");
                }
            throw new DirectoryNotFoundException($"No Bots1C.sln above {here.FullName}.");
        }
    }
}
