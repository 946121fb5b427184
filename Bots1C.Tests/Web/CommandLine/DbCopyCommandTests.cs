using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Data.Copy;
using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.CommandLine;

/// <summary><c>dotnet Bots1C.Web.dll db copy --from … --to …</c> moves an installation into the configured (new, empty)
/// database and proves it by counts; the copy then runs as the original did (docs/deployment.md).</summary>
public sealed class DbCopyCommandTests : IAsyncLifetime
{
    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly TempFolder _source = new();
    private readonly TempFolder _target = new();
    private string _botKey = "", _secret = "";

    public async Task InitializeAsync()
    {
        _telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/sendMessage").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1,"type":"private"},"text":"ok"}}"""));
        using var app = new Bots1CAppFactory(_source.Path).WithApiKey();
        var greeting = await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(new ScenarioDefinition
        {
            Name = "Greeting",
            Steps = [new Step { Id = "start", Kind = StepKind.Start }, new Step { Id = "m1", Kind = StepKind.Message, Text = "Hello!" }, new Step { Id = "end", Kind = StepKind.End }],
            Transitions = [new Transition { From = "start", Outcome = StepOutcomes.Next, To = "m1" }, new Transition { From = "m1", Outcome = StepOutcomes.Next, To = "end" }],
        }, "test");
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bots.example.ru/bots_unf",
            apiServerUrl = _telegram.Url, notMatchedScenarioId = greeting.Scenario!.Id,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        await app.CreateUserAsync("anna@example.ru", HtmlForms.Password, Bots1C.Domain.Accounts.Roles.Operator);
        var client = app.CreateClient();
        foreach (var (update, chat, text) in new[] { (1L, 501L, "Здравствуйте"), (2L, 502L, "Добрый день"), (3L, 501L, "Есть счёт?") })
            (await client.PostTelegramAsync(_botKey, MessagePath.TelegramText(update, chat, text), _secret)).EnsureSuccessStatusCode();
        await app.ProcessedInboxAsync(3);
        await Eventually.GetAsync(() => Task.FromResult(Replies()), n => n >= 3, "three replies");
    }

    public Task DisposeAsync()
    {
        _telegram.Stop();
        _source.Dispose();
        _target.Dispose();
        return Task.CompletedTask;
    }

    private int Replies() => _telegram.LogEntries.Count(e => e.RequestMessage.Path.EndsWith("/sendMessage"));

    /// <summary>What the administrator does when the target is the data folder's own SQLite file of another folder: the
    /// keys go with the data (docs/deployment.md).</summary>
    private Task<(int Code, string Output, string Error)> CopyIntoTargetAsync(params string[] more)
    {
        var keys = Path.Combine(_target.Path, DataFolder.KeysFolder);
        Directory.CreateDirectory(keys);
        foreach (var key in Directory.GetFiles(Path.Combine(_source.Path, DataFolder.KeysFolder)))
            File.Copy(key, Path.Combine(keys, Path.GetFileName(key)), overwrite: true);
        return AppCommandLine.RunAsync(["db", "copy", "--from", "sqlite", "--from-file", Path.Combine(_source.Path, DatabaseProvider.SqliteFileName),
            "--to", "sqlite", $"--Bots1C:DataPath={_target.Path}", .. more]);
    }

    [Fact]
    public async Task The_copy_holds_every_row_and_says_so_table_by_table()
    {
        var (code, output, error) = await CopyIntoTargetAsync();

        Assert.True(code == 0, error + output);
        Assert.Contains("tables match", output);
        Assert.DoesNotContain("differs", output);
        await using var copy = MessagePath.OpenStoppedDatabase(_target.Path);
        await using var original = MessagePath.OpenStoppedDatabase(_source.Path);
        Assert.Equal(await original.Messages.OrderBy(m => m.Id).Select(m => new { m.Id, m.Text, m.Direction, m.CreatedAt }).ToListAsync(),
            await copy.Messages.OrderBy(m => m.Id).Select(m => new { m.Id, m.Text, m.Direction, m.CreatedAt }).ToListAsync());
        Assert.Equal(await original.Users.Select(u => u.PasswordHash).SingleAsync(), await copy.Users.Select(u => u.PasswordHash).SingleAsync());
    }

    [Fact]
    public async Task The_copied_installation_answers_its_bot_and_lets_its_people_sign_in()
    {
        Assert.Equal(0, (await CopyIntoTargetAsync()).Code);
        using var app = new Bots1CAppFactory(_target.Path);
        var before = (await app.MessagesAsync()).Max(m => m.Id);
        var repliesBefore = Replies();

        // The bot's token was encrypted by the original's keys: the reply goes out, so it decrypts.
        (await app.CreateClient().PostTelegramAsync(_botKey, MessagePath.TelegramText(4, 503, "Новый клиент"), _secret)).EnsureSuccessStatusCode();
        await app.ProcessedInboxAsync(4);
        await Eventually.GetAsync(() => Task.FromResult(Replies()), n => n > repliesBefore, "a reply from the copy");

        Assert.True((await app.MessagesAsync()).Where(m => m.Text == "Новый клиент").Single().Id > before, "new rows continue after the copied keys");
        var response = await app.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler()).SignInAsync("anna@example.ru");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/Account/Login", response.Headers.Location?.ToString() ?? "");
    }

    [SkippableFact]
    public async Task An_installation_moves_to_PostgreSQL_with_every_row_and_answers_its_bot_there()
    {
        using var database = TestPostgres.CreateDatabase();

        var (code, output, error) = await AppCommandLine.RunAsync("db", "copy", "--from", "sqlite", "--to", "postgres", $"--Bots1C:DataPath={_source.Path}",
            "--Bots1C:Database:Provider=Postgres", $"--Bots1C:Database:ConnectionString={database.ConnectionString}");

        Assert.True(code == 0, error + output);
        Assert.Contains("tables match", output);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Password!, output + error);
        using var app = new Bots1CAppFactory(_source.Path).OnPostgres(database);
        var before = (await app.MessagesAsync()).Max(m => m.Id);
        var repliesBefore = Replies();
        (await app.CreateClient().PostTelegramAsync(_botKey, MessagePath.TelegramText(4, 503, "Новый клиент"), _secret)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Task.FromResult(Replies()), n => n > repliesBefore, "a reply from PostgreSQL");
        // The identity sequences continue after the copied keys instead of starting at 1 again.
        Assert.True((await app.MessagesAsync()).Single(m => m.Text == "Новый клиент").Id > before);
    }

    [Fact]
    public async Task A_target_that_already_holds_data_is_refused_and_left_alone()
    {
        using (var started = new Bots1CAppFactory(_target.Path))
            (await started.CreateClient().GetAsync("/health")).EnsureSuccessStatusCode();

        var (code, _, error) = await CopyIntoTargetAsync();

        Assert.NotEqual(0, code);
        Assert.Contains("already holds data", error);
        await using var target = MessagePath.OpenStoppedDatabase(_target.Path);
        Assert.Empty(await target.Messages.ToListAsync());
    }

    [Fact]
    public async Task A_copy_is_refused_while_the_app_runs_on_the_data_folder()
    {
        using var running = new Bots1CAppFactory(_target.Path);
        (await running.CreateClient().GetAsync("/health")).EnsureSuccessStatusCode();

        var (code, _, error) = await AppCommandLine.RunAsync("db", "copy", "--from", "sqlite", "--from-file", Path.Combine(_source.Path, DatabaseProvider.SqliteFileName),
            "--to", "sqlite", $"--Bots1C:DataPath={_target.Path}", $"--Bots1C:Database:ConnectionString=Data Source={Path.Combine(_target.Path, "other.db")}");

        Assert.NotEqual(0, code);
        Assert.Contains("stop it first", error);
        Assert.False(File.Exists(Path.Combine(_target.Path, "other.db")));
    }

    [Fact]
    public async Task Naming_a_target_engine_the_settings_do_not_name_is_refused()
    {
        var (code, _, error) = await AppCommandLine.RunAsync("db", "copy", "--from", "sqlite", "--to", "postgres", $"--Bots1C:DataPath={_target.Path}");

        Assert.NotEqual(0, code);
        Assert.Contains("Bots1C:Database:Provider", error);
    }

    [Fact]
    public void Every_table_comes_after_the_tables_it_refers_to()
    {
        using var db = MessagePath.OpenStoppedDatabase(_source.Path);
        var order = DatabaseCopy.InCopyOrder(db.Model).ToList();

        Assert.Equal(db.Model.GetEntityTypes().Count(t => t.BaseType is null && t.GetTableName() is not null && t.FindPrimaryKey() is not null), order.Count);
        foreach (var table in order)
            foreach (var key in table.GetForeignKeys().Where(k => k.PrincipalEntityType.GetRootType() != table))
                Assert.True(order.IndexOf(key.PrincipalEntityType.GetRootType()) < order.IndexOf(table),
                    $"{table.GetTableName()} refers to {key.PrincipalEntityType.GetTableName()}, which is copied later");
    }
}
