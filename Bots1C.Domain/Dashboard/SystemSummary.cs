using Bots1C.Domain.Data;
using Bots1C.Domain.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Dashboard;

public sealed record DiskSpace(string Folder, long FreeBytes, long TotalBytes, long DatabaseBytes);

/// <summary>The dashboard's side panel: versions, disk space of the data folder, the license and what it is used for.</summary>
public sealed record SystemFacts(string AppVersion, string SchemaVersion, int PendingMigrations, DiskSpace? Disk, LicenseStatus License, LicenseUse Usage);

public sealed class SystemSummary(IDbContextFactory<Bots1CDbContext> dbFactory, DataFolder dataFolder, LicenseStore licenses, LicenseUsage usage)
{
    public async Task<SystemFacts> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        return new SystemFacts(AppVersion.Current, applied.LastOrDefault() ?? "—", pending.Count(), Disk(), await licenses.StatusAsync(ct), await usage.MeasureAsync(ct));
    }

    private DiskSpace? Disk()
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(dataFolder.Path));
            // In WAL mode recent writes sit in the -wal file until a checkpoint: both are the database's size.
            var database = new[] { "", "-wal" }.Select(suffix => new FileInfo(dataFolder.File(DatabaseProvider.SqliteFileName + suffix)))
                .Where(f => f.Exists).Sum(f => f.Length);
            return new DiskSpace(dataFolder.Path, drive.AvailableFreeSpace, drive.TotalSize, database);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
