using Microsoft.Data.Sqlite;

namespace Bots1C.Domain.Data.Backups;

/// <summary>
/// A consistent copy of a SQLite database taken while it is in use: SQLite's online backup copies the pages under its
/// own lock, so a message committed during the copy is either wholly in it or wholly after it. Copying the file (and
/// forgetting the write-ahead log next to it) can give a torn or stale copy.
/// </summary>
public static class SqliteBackup
{
    public static void Copy(string sourceConnectionString, string destinationFile)
    {
        if (File.Exists(destinationFile))
            throw new IOException($"{destinationFile} exists: a backup never overwrites a file.");
        using (var source = new SqliteConnection(sourceConnectionString))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder
               { DataSource = destinationFile, Pooling = false }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
        }
        // The copy holds every message and every token (encrypted): as private as the database itself.
        PrivateFiles.RestrictSqliteDatabase(destinationFile);
    }
}
