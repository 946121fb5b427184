using Bots1C.Domain.Data;
using Bots1C.Domain.Data.Backups;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bots1C.Tests.Domain.Data;

/// <summary>What is particular to running on PostgreSQL: its settings, what is shown of them, start-up refusals, and
/// what the SQLite-only tools say instead of failing oddly.</summary>
public class PostgresDatabaseTests
{
    [Fact]
    public void Choosing_postgres_without_a_connection_string_is_refused_naming_the_setting()
    {
        var options = new DatabaseOptions { Provider = DatabaseKind.Postgres };

        var refusal = Assert.Throws<DatabaseStartupException>(() =>
            DatabaseProvider.Configure(new DbContextOptionsBuilder<Bots1CDbContext>(), options, new DataFolder(Path.GetTempPath())));

        Assert.Contains("Bots1C:Database:ConnectionString", refusal.Message);
        Assert.Contains("Postgres", refusal.Message);
    }

    [Fact]
    public void Where_the_database_is_names_host_port_and_database_never_the_password()
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseKind.Postgres,
            ConnectionString = "Host=db.example;Port=5433;Database=bots1c;Username=bots1c;Password=s3cret-Pa55",
        };

        var where = DatabaseProvider.Describe(options, new DataFolder(Path.GetTempPath()));

        Assert.Equal("PostgreSQL db.example:5433/bots1c", where);
        Assert.DoesNotContain("s3cret-Pa55", where);
    }

    [Trait("Database", "Postgres")]
    [SkippableFact]
    public async Task A_postgres_database_changed_by_a_newer_version_is_refused_with_what_to_do()
    {
        using var database = TestPostgres.CreateDatabase();
        var options = new DatabaseOptions { Provider = DatabaseKind.Postgres, ConnectionString = database.ConnectionString };
        using var folder = new TempFolder();
        var data = new DataFolder(folder.Path);
        await using var services = new ServiceCollection()
            .AddDbContextFactory<Bots1CDbContext>(o => DatabaseProvider.Configure(o, options, data)).BuildServiceProvider();
        DatabaseMigrator Migrator() => new(services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>(), Options.Create(options), data,
            new UpgradeBackups(data, NullLogger<UpgradeBackups>.Instance), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);
        await Migrator().MigrateAsync();
        await using (var db = await services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')");

        var refusal = await Assert.ThrowsAsync<DatabaseStartupException>(() => Migrator().MigrateAsync());

        Assert.Contains("newer version of Bots1C", refusal.Message);
        Assert.Contains("29991231000000_FromTheFuture", refusal.Message);
        Assert.Contains("pg_dump", refusal.Message);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Password!, refusal.Message);
    }

    [Trait("Database", "Postgres")]
    [SkippableFact]
    public async Task A_time_with_an_offset_other_than_utc_is_stored_as_the_same_instant()
    {
        using var app = Bots1CAppFactory.On(DatabaseKind.Postgres);
        var vladivostok = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(10));
        await using (var db = await app.Db())
        {
            db.Events.Add(new Bots1C.Domain.EventLog.EventLogEntry { Code = "Zoned", At = vladivostok, Source = "System", Message = "typed in +10:00" });
            await db.SaveChangesAsync();
        }

        await using var read = await app.Db();
        var stored = await read.Events.SingleAsync(e => e.Code == "Zoned" && e.At == vladivostok);
        Assert.Equal(vladivostok.UtcDateTime, stored.At.UtcDateTime);
    }

    [Fact]
    public async Task The_backup_command_on_postgres_points_to_pg_dump_and_copies_nothing()
    {
        using var data = new TempFolder();
        using var backup = new TempFolder();
        var target = Path.Combine(backup.Path, "copy");

        var (code, _, error) = await AppCommandLine.RunAsync("backup", "--out", target, $"--Bots1C:DataPath={data.Path}",
            "--Bots1C:Database:Provider=Postgres", "--Bots1C:Database:ConnectionString=Host=127.0.0.1;Database=none;Password=s3cret-Pa55");

        Assert.NotEqual(0, code);
        Assert.Contains("pg_dump", error);
        Assert.DoesNotContain("s3cret-Pa55", error);
        Assert.False(Directory.Exists(target));
    }
}
