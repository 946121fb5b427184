namespace Bots1C.Domain.Data;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Bots1C:Database</c> section.</summary>
public class DatabaseOptions
{
    public const string Section = "Bots1C:Database";

    public DatabaseKind Provider { get; set; } = DatabaseKind.Sqlite;

    /// <summary>An explicit connection string; when empty, SQLite uses <c>bots1c.db</c> in the data folder. PostgreSQL
    /// needs one (it holds a password: never logged or shown, see <see cref="DatabaseProvider.Describe"/>).</summary>
    public string? ConnectionString { get; set; }
}
