namespace Bots1C.Domain.Data;

/// <summary>
/// The database has schema changes this version does not know: a newer version migrated it and then an older one was
/// started (a rollback without restoring the backup). Running on would write into tables it does not understand.
/// </summary>
public static class NewerDatabase
{
    public static string Explain(string where, IEnumerable<string> unknownMigrations, DatabaseKind kind = DatabaseKind.Sqlite) =>
        $"The database at {where} was updated by a newer version of Bots1C (changes this version does not know: " +
        $"{string.Join(", ", unknownMigrations)}). Start the newer version again, or restore the copy saved before the " +
        (kind == DatabaseKind.Sqlite ? "update (backups/ in the data folder)" : "update (the pg_dump taken before it)") + " - see docs/upgrading.md.";
}
