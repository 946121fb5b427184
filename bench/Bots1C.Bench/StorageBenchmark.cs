using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Operators;
using Bots1C.Domain.Counterparties;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// The operators' dialog list and a dialog's history at scale: the server time of <see cref="ConversationList"/>'s calls (as the
/// messenger page and the hub make them, in-process, no HTTP), first on a tiny database (the baseline), then after
/// seeding it to 10,000 dialogs and 1,000,000 messages (--quick: 100,000). The seed is written straight into the database,
/// SQLite or PostgreSQL (one transaction of prepared inserts): dialogs with their contacts across 3 bots, a few waiting for an operator or
/// with one, a third of the rest closed; messages skewed like real traffic (Zipf: most dialogs a few messages, the
/// longest about a tenth of all), interleaved in time across dialogs.
/// </summary>
public sealed class StorageBenchmark : IBenchmark
{
    private const double GoalMs = 100;
    private const string Tiny = "tiny database";
    private const string CommonName = "петров";

    public string Name => "storage";
    public string Description => "dialog list, counts, dialog and counterparty history pages: server time at 10k dialogs / 1M messages against a tiny database";

    private static readonly DateTimeOffsetToBinaryConverter Time = new();
    private static long Stored(DateTimeOffset at) => (long)Time.ConvertToProvider(at)!;

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchApp app, BenchOptions options)
    {
        var calls = options.RunsGiven ?? (options.Quick ? 30 : 200);
        var (dialogs, messages) = options.Quick ? (10_000, 100_000) : (10_000, 1_000_000);
        const int tinyDialogs = 100, tinyMessages = 2_000;

        var operatorId = await app.CreateUserAsync("operator@bench.example.ru", BenchApp.AdminPassword, Roles.Operator);
        using var api = app.ApiClient();
        var bots = new List<long>();
        foreach (var name in new[] { "Shop", "Support", "Delivery" })
        {
            var created = await api.PostAsJsonAsync("/api/v1/bots", new { name, messenger = "WebChat", publicBaseUrl = "https://bench.example.ru" });
            if (!created.IsSuccessStatusCode)
                throw new InvalidOperationException($"Creating a bot answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            bots.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync())
            connectionString = db.Database.GetConnectionString()!;
        var seeder = new Seeder(connectionString, options.OnPostgres, bots, operatorId);
        var list = app.Services.GetRequiredService<ConversationList>();
        var history = app.Services.GetRequiredService<CounterpartyHistory>();

        var clock = Stopwatch.StartNew();
        var tiny = seeder.Seed(tinyDialogs, tinyMessages, seed: 1);
        Console.Error.WriteLine($"  seeded {tinyDialogs:N0} dialogs, {tinyMessages:N0} messages in {clock.Elapsed.TotalSeconds:0.0} s; measuring {calls} calls per query");
        var results = new List<Measurement>();
        var tinyCounterparties = await LinkCounterpartiesAsync(dbFactory, tiny, "tiny");
        results.AddRange(await MeasureAsync(list, history, Tiny, $"{tinyDialogs:N0} dialogs, {tinyMessages:N0} messages", tiny, tinyCounterparties, operatorId, calls, null));

        clock.Restart();
        var large = seeder.Seed(dialogs - tinyDialogs, messages - tinyMessages, seed: 2);
        Console.Error.WriteLine($"  seeded {dialogs - tinyDialogs:N0} more dialogs, {messages - tinyMessages:N0} more messages in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"(longest dialog {large.LongestCount:N0} messages); measuring");
        var size = $"{dialogs:N0} dialogs, {messages:N0} messages";
        var largeCase = options.Quick ? $"{messages / 1000:N0}k messages (--quick)" : $"{messages / 1_000_000.0:0.#}M messages";
        var largeCounterparties = await LinkCounterpartiesAsync(dbFactory, large, "large");
        var measured = await MeasureAsync(list, history, largeCase, size, large, largeCounterparties, operatorId, calls, Tiny);
        foreach (var m in measured)
        {
            var tinyMedian = results.First(t => t.Measure == m.Measure).Median;
            var growth = tinyMedian > 0 ? m.Median / tinyMedian : 0;
            var met = m.P99 <= GoalMs && growth <= 2;
            results.Add(m with
            {
                Note = $"goal ≤ {GoalMs:0} ms and ≤ 2× the tiny database: {(met ? "met" : "missed")} " +
                    $"(median {m.Median:0.0} ms, p99 {m.P99:0.0} ms, {growth:0.0}×)",
            });
        }
        return results;
    }

    /// <summary>Each query <paramref name="calls"/> times after 5 unmeasured calls, the queries interleaved so a slow moment
    /// of the machine hits all alike.</summary>
    private static async Task<List<Measurement>> MeasureAsync(ConversationList list, CounterpartyHistory history, string @case, string size, Seeded data,
        LinkedCounterparties counterparties, string operatorId, int calls, string? baseline)
    {
        var counterpartyLatest = await history.PageAsync(counterparties.Big, null, 30);
        var longest = data.LongestConversationId;
        var latest = await list.HistoryAsync(longest, null, 30);
        var middle = data.LongestMiddleMessageId;
        (string Measure, Func<Task> Call)[] queries =
        [
            ("list: all open, first 50", () => list.ListAsync(new ConversationFilter(ConversationTab.AllOpen, operatorId), 0, 50)),
            ("list: waiting, first 50", () => list.ListAsync(new ConversationFilter(ConversationTab.Waiting, operatorId), 0, 50)),
            ("list: mine, first 50", () => list.ListAsync(new ConversationFilter(ConversationTab.Mine, operatorId), 0, 50)),
            ($"list: all open, search \"{CommonName}\"", () => list.ListAsync(new ConversationFilter(ConversationTab.AllOpen, operatorId, Search: CommonName), 0, 50)),
            ("list: all open, search phone digits (1 hit)", () => list.ListAsync(new ConversationFilter(ConversationTab.AllOpen, operatorId, Search: data.RarePhone), 0, 50)),
            ("list: all open, page 20 (skip 950)", () => list.ListAsync(new ConversationFilter(ConversationTab.AllOpen, operatorId), 950, 50)),
            ("tab counts (waiting, mine)", () => list.CountsAsync(operatorId)),
            ("history: latest 30 of the longest dialog", () => list.HistoryAsync(longest, null, 30)),
            ("history: 30 before the latest page", () => list.HistoryAsync(longest, latest.Messages[0].Id, 30)),
            ("history: 30 from the middle of the longest", () => list.HistoryAsync(longest, middle, 30)),
            ("counterparty history: latest 30 (5 contacts, the longest dialog among them)", () => history.PageAsync(counterparties.Big, null, 30)),
            ("counterparty history: the 30 before that", () => history.PageAsync(counterparties.Big, counterpartyLatest.Items[^1].Message.Id, 30)),
            ("counterparty history: latest 30 (3 contacts, few messages)", () => history.PageAsync(counterparties.Small, null, 30)),
        ];
        foreach (var (_, call) in queries)
            for (var i = 0; i < 5; i++)
                await call();
        var samples = queries.Select(_ => new List<double>(calls)).ToArray();
        for (var run = 0; run < calls; run++)
            for (var q = 0; q < queries.Length; q++)
            {
                var start = Stopwatch.GetTimestamp();
                await queries[q].Call();
                samples[q].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        return queries.Select((q, i) => new Measurement("storage", @case, size, q.Measure, "ms", samples[i], baseline)).ToList();
    }

    /// <summary>Two counterparties of one seeding: one whose 5 contacts include the longest dialog's, one with 3 contacts
    /// of ordinary (short) dialogs, whose few messages lie scattered among all the others.</summary>
    private sealed record LinkedCounterparties(long Big, long Small);

    private static async Task<LinkedCounterparties> LinkCounterpartiesAsync(IDbContextFactory<Bots1CDbContext> dbFactory, Seeded data, string name)
    {
        var random = new Random(name.Length);
        var others = data.ConversationIds.Where(id => id != data.LongestConversationId).OrderBy(_ => random.Next()).Take(7).ToList();
        await using var db = await dbFactory.CreateDbContextAsync();
        async Task<long> Counterparty(string counterpartyName, IReadOnlyList<long> conversations)
        {
            var now = DateTimeOffset.UtcNow;
            var counterparty = new Counterparty { Name = counterpartyName, SearchName = counterpartyName.ToLowerInvariant(), CreatedAt = now, UpdatedAt = now };
            db.Counterparties.Add(counterparty);
            await db.SaveChangesAsync();
            var contacts = await db.Conversations.Where(c => conversations.Contains(c.Id)).Select(c => c.ContactId).ToListAsync();
            await db.Contacts.Where(k => contacts.Contains(k.Id)).ExecuteUpdateAsync(u => u.SetProperty(k => k.CounterpartyId, counterparty.Id));
            return counterparty.Id;
        }
        return new LinkedCounterparties(
            await Counterparty($"ООО «Ромашка» ({name})", [data.LongestConversationId, .. others.Take(4)]),
            await Counterparty($"ИП Петров ({name})", others.Skip(4).ToList()));
    }

    /// <summary>What a seeding produced: the longest dialog, a message in its middle, a phone only one contact has.</summary>
    private sealed record Seeded(long LongestConversationId, int LongestCount, long LongestMiddleMessageId, string RarePhone, long[] ConversationIds);

    /// <summary>Writes dialogs, contacts and messages straight into the app's database: the same SQL on both engines
    /// (quoted names, @parameters); only times (SQLite keeps ticks, PostgreSQL timestamptz) and tags (JSON text, an array) differ.</summary>
    private sealed class Seeder(string connectionString, bool postgres, IReadOnlyList<long> bots, string operatorId)
    {
        private static readonly string[] FirstNames = ["Иван", "Мария", "Алексей", "Ольга", "Сергей", "Анна", "Дмитрий", "Елена", "Павел", "Наталья", "Ivan", "Maria"];
        private static readonly string[] LastNames = ["Петров", "Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Козлова", "Новиков", "Морозова", "Волков", "Орлова"];
        private static readonly string[] Phrases =
        [
            "Здравствуйте! Подскажите, пожалуйста, статус заказа", "Когда будет доставка?", "Спасибо, всё получил",
            "Можно оплатить картой при получении?", "Пришлите, пожалуйста, счёт на оплату", "Ваш заказ передан в доставку",
            "Добрый день! Чем могу помочь?", "Уточните, пожалуйста, номер заказа", "Цена изменилась?", "Хорошо, жду",
        ];

        private int _contactNumber;

        public Seeded Seed(int dialogs, int messages, int seed)
        {
            var random = new Random(seed);
            // Zipf-like sizes (rank r gets ~1/r of the messages), at least one each, summing to `messages`.
            var harmonic = Enumerable.Range(1, dialogs).Sum(r => 1.0 / r);
            var counts = Enumerable.Range(1, dialogs).Select(r => Math.Max(1, (int)(messages / harmonic / r))).ToArray();
            counts[0] += messages - counts.Sum();
            if (counts[0] < 1)
                throw new InvalidOperationException("Too few messages for the dialogs.");
            random.Shuffle(counts);
            var longest = Array.IndexOf(counts, counts.Max());

            // The order messages arrive in: every dialog's messages spread over the whole period.
            var order = new int[messages];
            for (int c = 0, k = 0; c < dialogs; c++)
                for (var j = 0; j < counts[c]; j++)
                    order[k++] = c;
            random.Shuffle(order);
            var now = DateTimeOffset.UtcNow;
            var from = now.AddDays(-90);
            var step = (now.AddMinutes(-1) - from).Ticks / Math.Max(1, messages);
            DateTimeOffset At(int position) => from.AddTicks(step * position);
            var first = Enumerable.Repeat(-1, dialogs).ToArray();
            var last = new int[dialogs];
            for (var p = 0; p < messages; p++)
            {
                if (first[order[p]] < 0)
                    first[order[p]] = p;
                last[order[p]] = p;
            }

            // Npgsql prepares a statement once it has run a few times (its explicit Prepare wants typed values up front).
            using DbConnection connection = postgres
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 2 }.ToString())
                : new SqliteConnection(connectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var contact = Command(connection, transaction, """
                INSERT INTO "Contacts" ("BotId", "ExternalUserId", "FirstName", "LastName", "Username", "LanguageCode", "Phone", "PhoneTyped", "IsBlocked",
                    "NeedsPerson", "CreatedAt", "UpdatedAt", "SearchText")
                VALUES (@bot, @external, @first, @last, @username, 'ru', @phone, FALSE, FALSE, FALSE, @at, @at, @search) RETURNING "Id"
                """, "@bot", "@external", "@first", "@last", "@username", "@phone", "@at", "@search");
            using var conversation = Command(connection, transaction, """
                INSERT INTO "Conversations" ("BotId", "ContactId", "ChatId", "CreatedAt", "LastMessageAt", "Tags", "Mode", "StepTries", "VariablesJson",
                    "AssignedUserId", "OperatorSince", "IsClosed", "ClosedAt", "UnreadCount", "LastMessagePreview")
                VALUES (@bot, @contact, @chat, @created, @last, @tags, @mode, 0, '{}', @assigned, @since, @closed, @closedAt, @unread, @preview) RETURNING "Id"
                """, "@bot", "@contact", "@chat", "@created", "@last", "@tags", "@mode", "@assigned", "@since", "@closed", "@closedAt", "@unread", "@preview");
            var ids = new long[dialogs];
            var rarePhone = "";
            for (var c = 0; c < dialogs; c++)
            {
                var number = ++_contactNumber;
                var bot = bots[c % bots.Count];
                var person = new Contact
                {
                    ExternalUserId = $"visitor-{number}", FirstName = FirstNames[random.Next(FirstNames.Length)],
                    LastName = LastNames[random.Next(LastNames.Length)], Username = random.Next(3) == 0 ? null : $"user{number}",
                    Phone = random.Next(2) == 0 ? null : $"+7912{number:D7}",
                };
                if (person.Phone is { } phone && rarePhone.Length == 0 && c > dialogs / 2)
                    rarePhone = phone[1..];
                var created = At(first[c]);
                contact.Parameters["@bot"].Value = bot;
                contact.Parameters["@external"].Value = person.ExternalUserId;
                contact.Parameters["@first"].Value = person.FirstName;
                contact.Parameters["@last"].Value = person.LastName;
                contact.Parameters["@username"].Value = (object?)person.Username ?? DBNull.Value;
                contact.Parameters["@phone"].Value = (object?)person.Phone ?? DBNull.Value;
                contact.Parameters["@at"].Value = Stored(created);
                contact.Parameters["@search"].Value = person.BuildSearchText();
                var contactId = (long)contact.ExecuteScalar()!;

                // 5% wait for an operator, 3% are with the operator, of the rest a third are closed.
                var roll = random.NextDouble();
                var mode = roll < 0.05 ? ConversationMode.WaitingForOperator : roll < 0.08 ? ConversationMode.WithOperator : ConversationMode.Bot;
                var closed = mode == ConversationMode.Bot && random.Next(3) == 0;
                conversation.Parameters["@bot"].Value = bot;
                conversation.Parameters["@contact"].Value = contactId;
                conversation.Parameters["@chat"].Value = person.ExternalUserId;
                conversation.Parameters["@created"].Value = Stored(created);
                conversation.Parameters["@last"].Value = Stored(At(last[c]));
                // No tags: a JSON list in SQLite, an array in PostgreSQL.
                conversation.Parameters["@tags"].Value = postgres ? Array.Empty<string>() : "[]";
                conversation.Parameters["@mode"].Value = mode.ToString();
                conversation.Parameters["@assigned"].Value = mode == ConversationMode.WithOperator ? operatorId : DBNull.Value;
                // Taken over just now, so the idle-dialog worker leaves them alone while the benchmark runs.
                conversation.Parameters["@since"].Value = mode == ConversationMode.WithOperator ? Stored(now) : DBNull.Value;
                conversation.Parameters["@closed"].Value = closed;
                conversation.Parameters["@closedAt"].Value = closed ? Stored(At(last[c])) : DBNull.Value;
                conversation.Parameters["@unread"].Value = mode == ConversationMode.WaitingForOperator ? 1 + random.Next(3) : 0;
                conversation.Parameters["@preview"].Value = Conversation.PreviewOf(Text(last[c]), null);
                ids[c] = (long)conversation.ExecuteScalar()!;
            }

            using var message = Command(connection, transaction, """
                INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Text", "ExternalMessageId", "Author", "DeliveryState", "CreatedAt", "MessengerAt")
                VALUES (@conversation, @direction, 'Text', @text, @external, @author, @delivery, @at, @at) RETURNING "Id"
                """, "@conversation", "@direction", "@text", "@external", "@author", "@delivery", "@at");
            var seen = new int[dialogs];
            long middle = 0;
            for (var p = 0; p < messages; p++)
            {
                var c = order[p];
                var incoming = seen[c] % 2 == 0;
                message.Parameters["@conversation"].Value = ids[c];
                message.Parameters["@direction"].Value = incoming ? "Incoming" : "Outgoing";
                message.Parameters["@text"].Value = Text(p);
                message.Parameters["@external"].Value = incoming ? $"m{p}-{seed}" : DBNull.Value;
                message.Parameters["@author"].Value = incoming ? DBNull.Value : "bot";
                message.Parameters["@delivery"].Value = incoming ? DBNull.Value : "Delivered";
                message.Parameters["@at"].Value = Stored(At(p));
                var id = (long)message.ExecuteScalar()!;
                if (c == longest && seen[c] == counts[c] / 2)
                    middle = id;
                seen[c]++;
            }
            transaction.Commit();
            using (var settle = connection.CreateCommand())
            {
                // SQLite: fold the write-ahead log into the file. PostgreSQL: fresh statistics for the planner, which
                // autovacuum would gather a little later on a live server.
                settle.CommandText = postgres ? "ANALYZE;" : "PRAGMA wal_checkpoint(TRUNCATE);";
                settle.CommandTimeout = 600;
                settle.ExecuteNonQuery();
            }
            return new Seeded(ids[longest], counts[longest], middle, rarePhone, ids);
        }

        private static string Text(int position) =>
            $"{Phrases[position % Phrases.Length]} (№ {position})";

        private DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            if (!postgres)
                command.Prepare();
            return command;
        }

        /// <summary>A time as the app stores it: ticks in SQLite (see DatabaseProvider), an instant in PostgreSQL.</summary>
        private object Stored(DateTimeOffset at) => postgres ? at.ToUniversalTime() : StorageBenchmark.Stored(at);
    }
}
