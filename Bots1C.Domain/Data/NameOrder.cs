using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Bots1C.Domain.Data;

/// <summary>
/// Names in the order a reader expects, the same on both engines: alphabetical whatever the case ("apple", "Banana"),
/// Ё beside Е, Latin before Cyrillic, as Unicode's root collation (ICU's) orders them and as Windows and Cyrillic_General
/// in SQL Server do. Neither engine does it by itself: SQLite compares code points (all capitals first, "Яков" before
/// "ёж"), PostgreSQL follows the locale its database was created with, which differs from server to server.
/// SQLite gets the collation from .NET on every connection it opens (<see cref="SqliteNameCollation"/>); PostgreSQL uses
/// ICU's own, <c>"und-x-icu"</c>, which initdb creates wherever PostgreSQL is built with ICU (Debian's and Ubuntu's
/// packages, the PGDG packages, the Docker images, the Windows installer, and every build from 16 on by default).
/// </summary>
public static class NameOrder
{
    public const string SqliteCollation = "BOTS1C_NAMES";
    public const string PostgresCollation = "und-x-icu";

    /// <summary>Sort by this inside a query: <c>.OrderBy(b =&gt; NameOrder.Key(b.Name))</c>, translated by <see cref="Map"/>.
    /// A collation in ORDER BY cannot use an index on the plain column: the rows that pass the filter are sorted.</summary>
    public static string Key(string? name) =>
        throw new InvalidOperationException($"{nameof(NameOrder)}.{nameof(Key)} runs only inside a database query.");

    /// <summary>The same order for lists put together in memory.</summary>
    public static readonly StringComparer Comparer = new RootCollation();

    public static void Map(ModelBuilder builder, bool postgres) =>
        builder.HasDbFunction(typeof(NameOrder).GetMethod(nameof(Key))!).HasTranslation(args =>
            new CollateExpression(args[0], postgres ? PostgresCollation : SqliteCollation));

    /// <summary>ICU's root collation (the invariant culture's, as .NET uses ICU); two names it finds equal ("Anna",
    /// "Anna" with another kind of space) keep a fixed order by code point, so a page never shuffles them.</summary>
    private sealed class RootCollation : StringComparer
    {
        private static readonly CompareInfo Root = CultureInfo.InvariantCulture.CompareInfo;

        public override int Compare(string? x, string? y)
        {
            var order = Root.Compare(x, y, CompareOptions.None);
            return order != 0 ? order : string.CompareOrdinal(x, y);
        }

        public override bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public override int GetHashCode(string obj) => obj.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>
/// Registers <see cref="NameOrder.SqliteCollation"/> on each SQLite connection the app opens. Only queries name it (no
/// column or index is declared with it), so the file stays readable by sqlite3 and by the backups without it.
/// </summary>
public sealed class SqliteNameCollation : DbConnectionInterceptor
{
    public static readonly SqliteNameCollation Instance = new();

    private static readonly Comparison<string> Compare = NameOrder.Comparer.Compare;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateCollation(NameOrder.SqliteCollation, Compare);
    }
}
