using Bots1C.Domain.Accounts;
using Bots1C.Domain.Dashboard;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bots1C.Tests.Web.Dashboard;

/// <summary>The database's size on the dashboard; <see cref="DatabaseSizeTestsOnPostgres"/> runs it on PostgreSQL.</summary>
public class DatabaseSizeTests : IDisposable
{
    private const string Admin = "admin@example.ru";
    protected readonly Bots1CAppFactory App;

    public DatabaseSizeTests() : this(DatabaseKind.Sqlite) { }

    protected DatabaseSizeTests(DatabaseKind database) => App = Bots1CAppFactory.On(database);

    [SkippableFact]
    public async Task The_database_size_is_measured_by_the_engine_that_holds_it()
    {
        var database = Assert.IsType<DatabaseSize>((await App.Services.GetRequiredService<SystemSummary>().ReadAsync()).Database);

        Assert.Equal(App.Database, database.Engine);
        // A migrated, empty database already takes hundreds of kilobytes on either engine.
        Assert.True(database.Bytes > 100_000, $"{database.Engine} database reported as {database.Bytes} bytes");
    }

    [SkippableFact]
    public async Task The_dashboard_shows_the_sqlite_file_on_the_data_folders_disk_and_a_postgres_database_as_the_servers()
    {
        await App.CreateUserAsync(Admin, HtmlForms.Password, Roles.Administrator);
        var client = App.CreateBrowserLikeClient();
        await client.SignInAsync(Admin);

        var page = await client.GetPageAsync("/dashboard");

        var disk = page.QuerySelector("[data-testid=disk-space]")!.TextContent;
        var server = page.QuerySelector("[data-testid=database-size]")?.TextContent;
        if (App.Database == DatabaseKind.Sqlite)
        {
            Assert.Contains("; database ", disk);
            Assert.Null(server);
        }
        else
        {
            Assert.DoesNotContain("database", disk);
            Assert.Matches(@"^Database PostgreSQL [^:]+:\d+/bots1c_test_\w+: \S+ \S+ \(on the database server", server);
        }
    }

    public void Dispose() => App.Dispose();
}

[Trait("Database", "Postgres")]
public class DatabaseSizeTestsOnPostgres() : DatabaseSizeTests(DatabaseKind.Postgres)
{
    [SkippableFact]
    public async Task The_postgres_database_is_named_by_its_server_and_name_never_by_its_password()
    {
        var database = (await App.Services.GetRequiredService<SystemSummary>().ReadAsync()).Database!;

        var password = new NpgsqlConnectionStringBuilder(TestPostgres.RequireServer()).Password!;
        Assert.DoesNotContain(password, database.Location);
        Assert.DoesNotContain("Password", database.Location, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("PostgreSQL ", database.Location);
    }
}
