using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Data;

/// <summary>Brings the schema up to date at start. Migrations only add and alter, so an update keeps data.</summary>
public class DatabaseMigrator(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IOptions<DatabaseOptions> options,
    DataFolder dataFolder,
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
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}",
                    pending.Count, where, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
            await DatabaseProvider.TuneAsync(db.Database, ct);
            // SQLite gives the log and shared-memory files it makes later the database file's own mode.
            if (db.Database.IsSqlite())
                PrivateFiles.RestrictSqliteDatabase(where);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DatabaseStartupException(
                $"Bots1C cannot open its database at {where}: {Innermost(e).Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
