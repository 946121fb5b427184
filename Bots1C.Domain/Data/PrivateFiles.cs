namespace Bots1C.Domain.Data;

/// <summary>
/// The data folder holds the database (webhook secrets, every message) and <c>keys/</c> (which decrypt the bot tokens):
/// on Unix only the account the app runs as may read them. Folders are 0700 and files 0600 whatever the umask, also
/// for an installation that made them before this rule existed. Windows keeps its inherited ACLs.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and its parents) if needed and makes it private.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Makes the file private if it exists.</summary>
    public static void Restrict(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file))
            File.SetUnixFileMode(file, FileMode);
    }

    /// <summary>The database file and the write-ahead log and shared-memory files SQLite keeps next to it.</summary>
    public static void RestrictSqliteDatabase(string databaseFile)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            Restrict(databaseFile + suffix);
    }
}
