using Bots1C.Domain.Data.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Data;

/// <summary>Brings the schema up to date at start. Migrations only add and alter, so an update keeps data; an
/// existing SQLite database is copied first (<see cref="UpgradeBackups"/>; a PostgreSQL one is the administrator's to
/// pg_dump), and a database a newer version has already changed is refused rather than used, on either engine.</summary>
public class DatabaseMigrator(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IOptions<DatabaseOptions> options,
    DataFolder dataFolder,
    UpgradeBackups backups,
    TimeProvider clock,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var where = DatabaseProvider.Describe(options.Value, dataFolder);
        try
        {
            PrivateFiles.EnsureFolder(dataFolder.Path);
            PrivateFiles.EnsureFolder(dataFolder.File(DataFolder.KeysFolder));
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (applied.Where(m => !known.Contains(m)).ToList() is { Count: > 0 } unknown)
                throw new DatabaseStartupException(NewerDatabase.Explain(where, unknown, options.Value.Provider));
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                if (applied.Count > 0 && db.Database.IsSqlite())
                    backups.TakeBeforeMigrating(db.Database.GetConnectionString()!, applied[^1], clock.GetUtcNow());
                // A server database is not a file the app can copy: the administrator's pg_dump is the way back.
                else if (applied.Count > 0)
                    logger.LogWarning("No copy of {Database} is taken before migrating: it is PostgreSQL. Take one with " +
                        "pg_dump before an update (docs/upgrading.md).", where);
                logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}",
                    pending.Count, where, string.Join(", ", pending));
            }
            await db.Database.MigrateAsync(ct);
            await DatabaseProvider.TuneAsync(db.Database, ct);
            // SQLite gives the log and shared-memory files it makes later the database file's own mode.
            if (db.Database.IsSqlite())
                PrivateFiles.RestrictSqliteDatabase(where);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DatabaseStartupException))
        {
            throw new DatabaseStartupException(
                $"Bots1C cannot open its database at {where}: {Innermost(e).Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
