using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Data.Backups;

/// <summary>
/// Before a new version changes the schema of an existing SQLite database, a copy of it as it was goes to
/// <c>backups/</c> in the data folder: rolling back is then "stop, put the copy back, start the old version"
/// (docs/upgrading.md). Only the newest few are kept so that upgrades do not fill the disk.
/// </summary>
public class UpgradeBackups(DataFolder dataFolder, ILogger<UpgradeBackups> logger)
{
    public const string FolderName = "backups";
    public const string Prefix = "before-";
    public const int Kept = 5;

    public string Folder => dataFolder.File(FolderName);

    /// <returns>The copy's path.</returns>
    public string TakeBeforeMigrating(string connectionString, string lastApplied, DateTimeOffset now)
    {
        PrivateFiles.EnsureFolder(Folder);
        var file = Path.Combine(Folder, $"{Prefix}{now:yyyyMMdd-HHmmss}-{lastApplied}.db");
        SqliteBackup.Copy(connectionString, file);
        logger.LogInformation("Saved the database as it was before the update to {Backup}", file);
        RemoveOlderThanTheNewest(Kept);
        return file;
    }

    public IReadOnlyList<string> List() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, Prefix + "*.db").Order(StringComparer.Ordinal).ToList()
            : [];

    // Names start with a sortable UTC time, so name order is age order.
    private void RemoveOlderThanTheNewest(int count)
    {
        foreach (var old in List().SkipLast(count))
        {
            File.Delete(old);
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
                File.Delete(old + suffix);
        }
    }
}
