using Bots1C.Domain.Data;
using Bots1C.Domain.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Dashboard;

/// <summary>Free space of the data folder's disk (uploads, backups, logs and, on SQLite, the database live there).</summary>
public sealed record DiskSpace(string Folder, long FreeBytes, long TotalBytes);

/// <summary>How big the database is and where it lives: the SQLite file (with its -wal log) in the data folder, or a
/// PostgreSQL database on its own server, named by host, port and database only (never the password).</summary>
public sealed record DatabaseSize(DatabaseKind Engine, string Location, long Bytes);

/// <summary>The dashboard's side panel: versions, disk space of the data folder, the database's size, the license and what it is used for.</summary>
public sealed record SystemFacts(string AppVersion, string SchemaVersion, int PendingMigrations, DiskSpace? Disk, DatabaseSize? Database,
    LicenseStatus License, LicenseUse Usage);

public sealed class SystemSummary(IDbContextFactory<Bots1CDbContext> dbFactory, DataFolder dataFolder, IOptions<DatabaseOptions> databaseOptions,
    LicenseStore licenses, LicenseUsage usage)
{
    public async Task<SystemFacts> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        return new SystemFacts(AppVersion.Current, applied.LastOrDefault() ?? "—", pending.Count(), Disk(), await DatabaseSizeAsync(db, ct),
            await licenses.StatusAsync(ct), await usage.MeasureAsync(ct));
    }

    private DiskSpace? Disk()
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(dataFolder.Path));
            return new DiskSpace(dataFolder.Path, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private async Task<DatabaseSize?> DatabaseSizeAsync(Bots1CDbContext db, CancellationToken ct)
    {
        var options = databaseOptions.Value;
        var location = DatabaseProvider.Describe(options, dataFolder);
        if (db.Database.IsNpgsql())
        {
            // The database lives on its server's disk, not in the data folder: the server tells its size.
            var bytes = await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
            return new DatabaseSize(DatabaseKind.Postgres, location, bytes);
        }
        try
        {
            // In WAL mode recent writes sit in the -wal file until a checkpoint: both are the database's size.
            var file = new FileInfo(location);
            var bytes = new[] { file, new FileInfo(file.FullName + "-wal") }.Where(f => f.Exists).Sum(f => f.Length);
            return new DatabaseSize(DatabaseKind.Sqlite, location, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
