using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Bots1C.Domain.Data;

/// <summary>The one place that knows which database engine is used and how it is reached.</summary>
public static class DatabaseProvider
{
    public const string SqliteFileName = "bots1c.db";

    public static string ConnectionString(DatabaseOptions options, DataFolder dataFolder) =>
        options.Provider switch
        {
            DatabaseKind.Sqlite => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new SqliteConnectionStringBuilder { DataSource = dataFolder.File(SqliteFileName) }.ToString()
                : options.ConnectionString,
            DatabaseKind.Postgres => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new DatabaseStartupException(
                    $"{DatabaseOptions.Section}:ConnectionString is required when {DatabaseOptions.Section}:Provider is Postgres " +
                    "(for example Host=db.example;Database=bots1c;Username=bots1c;Password=...).")
                : options.ConnectionString,
            _ => throw new NotSupportedException($"Database provider {options.Provider} is not supported."),
        };

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, DataFolder dataFolder)
    {
        var connectionString = ConnectionString(options, dataFolder);
        switch (options.Provider)
        {
            case DatabaseKind.Sqlite:
                builder.UseSqlite(connectionString, sqlite =>
                    sqlite.MigrationsAssembly(typeof(DatabaseProvider).Assembly.FullName));
                builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
                builder.AddInterceptors(SqliteBusyTimeout.Instance, SqliteNameCollation.Instance);
                // To alter a table SQLite rebuilds it, and EF switches foreign keys off around the rebuild with
                // PRAGMA foreign_keys, which cannot run inside the migration's transaction: EF warns about it three
                // times on every new database. The statement changes only the connection, never the data, so nothing
                // can be left half-applied; it is written at Debug instead of greeting a newcomer as a warning.
                builder.ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning,
                    Microsoft.Extensions.Logging.LogLevel.Debug)));
                break;
            case DatabaseKind.Postgres:
                builder.UseNpgsql(connectionString, postgres =>
                    postgres.MigrationsAssembly(typeof(DatabaseProvider).Assembly.FullName));
                builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
                break;
            default:
                throw new NotSupportedException($"Database provider {options.Provider} is not supported.");
        }
    }

    /// <summary>Where the database lives, in words an administrator can act on.</summary>
    public static string Describe(DatabaseOptions options, DataFolder dataFolder) =>
        options.Provider switch
        {
            DatabaseKind.Sqlite => new SqliteConnectionStringBuilder(ConnectionString(options, dataFolder)).DataSource,
            // Host, port and database only: the connection string holds the password.
            DatabaseKind.Postgres => DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString(options, dataFolder))),
            _ => options.Provider.ToString(),
        };

    private static string DescribePostgres(NpgsqlConnectionStringBuilder postgres) =>
        $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";

    /// <summary>
    /// SQLite in write-ahead-log mode: webhook writes and background processing no longer block each other's
    /// readers, and a commit appends to the log instead of rewriting pages. The mode is stored in the file.
    /// </summary>
    public static async Task TuneAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (database.IsSqlite())
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>SQLite stores DateTimeOffset as text it cannot compare or sort; store ticks instead.
    /// Every timestamp is written in UTC, so the binary form orders correctly. PostgreSQL keeps an instant
    /// (timestamptz) and Npgsql refuses to write an offset other than zero: a value with another offset (a date an
    /// operator typed in his own zone) is turned into the same instant in UTC on its way in.</summary>
    public static void ConfigureConventions(DatabaseFacade database, ModelConfigurationBuilder conventions)
    {
        if (database.IsSqlite())
            conventions.Properties<DateTimeOffset>()
                .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        else if (database.IsNpgsql())
            conventions.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffset>();
    }

    /// <summary>What differs in the model: <see cref="TextSearch.Like"/> is SQLite's LIKE (case-insensitive for Latin
    /// letters) and PostgreSQL's comparison of the lowered text (whose LIKE tells case apart); <see cref="NameOrder.Key"/>
    /// names each engine's collation; SQLite stores a bool as 0/1, PostgreSQL has a boolean type that does not equal 1.</summary>
    public static void ConfigureModel(DatabaseFacade database, ModelBuilder builder)
    {
        var postgres = database.IsNpgsql();
        TextSearch.Map(builder, lowerFirst: postgres);
        NameOrder.Map(builder, postgres);
        if (postgres)
        {
            builder.Entity<Conversations.Contact>().HasIndex(c => c.NeedsPerson).HasFilter("\"NeedsPerson\"");
            // The directory's pages walk this index in the names' order instead of sorting every record of the type
            // (1 ms instead of 60–130 ms for the first page at 100,000 records). SQLite keeps the plain index: an index
            // there could only name the app's own collation, and sqlite3 or any other tool could then not write the table.
            builder.Entity<Counterparties.Counterparty>().HasIndex(o => new { o.CounterpartyType, o.Name })
                .UseCollation("default", NameOrder.PostgresCollation);
        }
    }
}

/// <summary>
/// Lets SQLite itself wait for the write lock (it retries within a millisecond or two) instead of handing "busy" back to
/// Microsoft.Data.Sqlite, whose own retry sleeps 150 ms each time: with the webhook's group commit and the processor
/// writing at once, those sleeps were most of a message's way to the operator's screen (docs/benchmarks.md).
/// </summary>
public sealed class SqliteBusyTimeout : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    /// <summary>Past this, the driver's own timeout (30 s by default) still applies on top.</summary>
    public const int Milliseconds = 5000;

    public override void ConnectionOpened(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
