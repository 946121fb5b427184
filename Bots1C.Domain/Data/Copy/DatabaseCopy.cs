using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bots1C.Domain.Data.Copy;

/// <summary>Rows of one table on both sides after a copy.</summary>
public sealed record CopiedTable(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>The copy cannot start or did not finish; the message says what to do. The target is left as it was.</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>
/// Moves an installation's data between databases (SQLite to PostgreSQL, or back), table by table through the EF model,
/// so each engine's own representation is used on each side (SQLite keeps times as ticks, PostgreSQL as timestamptz).
/// Keys are copied as they are: links between rows, and the ids in addresses (/messenger/42), stay valid. The whole copy is
/// one transaction on the target: a failure leaves it empty, never half-filled.
/// </summary>
public static class DatabaseCopy
{
    private const int BatchSize = 1000;

    private static readonly MethodInfo CopyTableMethod =
        typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo CountMethod =
        typeof(DatabaseCopy).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Copies every table of <paramref name="source"/> into the migrated, empty <paramref name="target"/> and
    /// returns both sides' row counts, which the caller checks (<see cref="CopiedTable.Matches"/>).</summary>
    public static async Task<IReadOnlyList<CopiedTable>> CopyAsync(Bots1CDbContext source, Bots1CDbContext target,
        Action<string> progress, CancellationToken ct)
    {
        if ((await source.Database.GetPendingMigrationsAsync(ct)).ToList() is { Count: > 0 } behind)
            throw new DatabaseCopyException(
                $"The source database lacks {behind.Count} update(s) of this version ({behind[^1]}). Start this version of Bots1C on it once (it updates the database), stop it, then copy.");
        var applied = (await source.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Except(source.Database.GetMigrations()).ToList() is { Count: > 0 } newer)
            throw new DatabaseCopyException(
                $"The source database was changed by a newer version of Bots1C ({newer[^1]}). Copy it with that version.");

        var tables = InCopyOrder(target.Model);
        var filled = new List<string>();
        foreach (var table in tables)
            if (await CountOf(target, table, ct) is > 0 and var rows)
                filled.Add($"{table.GetTableName()} ({rows})");
        if (filled.Count > 0)
            throw new DatabaseCopyException(
                $"The target database already holds data: {string.Join(", ", filled)}. Copy into a new, empty database (the app must not have been started on it).");

        target.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = target.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await target.Database.BeginTransactionAsync(ct);
            foreach (var table in tables)
            {
                var copied = await (Task<long>)CopyTableMethod.MakeGenericMethod(table.ClrType).Invoke(null, [source, target, table, ct])!;
                progress($"{table.GetTableName()}: {copied} row(s)");
            }
            await ContinueKeySequencesAsync(target, tables, ct);
            await transaction.CommitAsync(ct);
        });

        var counts = new List<CopiedTable>();
        foreach (var table in tables)
            counts.Add(new CopiedTable(table.GetTableName()!, await CountOf(source, table, ct), await CountOf(target, table, ct)));
        return counts;
    }

    /// <summary>Every table-mapped entity type, each after the ones its foreign keys point at, so no row arrives before
    /// the row it refers to. A table's rows go in key order, which also serves rows referring to earlier rows of it.</summary>
    public static IReadOnlyList<IEntityType> InCopyOrder(IModel model)
    {
        var types = model.GetEntityTypes()
            .Where(t => t.BaseType is null && !t.IsOwned() && t.GetTableName() is not null && t.FindPrimaryKey() is not null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Place(IEntityType type)
        {
            if (placed.Contains(type) || !visiting.Add(type))
                return;
            foreach (var principal in type.GetForeignKeys().Select(k => k.PrincipalEntityType.GetRootType()).Where(p => p != type))
                Place(principal);
            visiting.Remove(type);
            placed.Add(type);
            ordered.Add(type);
        }
        foreach (var type in types)
            Place(type);
        return ordered;
    }

    private static async Task<long> CopyTableAsync<T>(Bots1CDbContext source, Bots1CDbContext target, IEntityType table, CancellationToken ct)
        where T : class
    {
        var keys = table.FindPrimaryKey()!.Properties;
        var shadows = table.GetProperties().Where(p => p.IsShadowProperty()).ToList();
        var copied = 0L;
        for (var skip = 0; ; skip += BatchSize)
        {
            IQueryable<T> query = source.Set<T>();
            var ordered = query.OrderBy(e => EF.Property<object>(e, keys[0].Name));
            foreach (var key in keys.Skip(1))
                ordered = ordered.ThenBy(e => EF.Property<object>(e, key.Name));
            var batch = await ordered.Skip(skip).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                return copied;
            // Shadow properties (foreign keys without a CLR property) live in the source's change tracker only.
            var shadowValues = batch.Select(e => shadows.Select(p => source.Entry(e).Property(p.Name).CurrentValue).ToArray()).ToList();
            source.ChangeTracker.Clear();
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = target.Entry(batch[i]);
                entry.State = EntityState.Added;
                for (var s = 0; s < shadows.Count; s++)
                    entry.Property(shadows[s].Name).CurrentValue = shadowValues[i][s];
            }
            await target.SaveChangesAsync(ct);
            target.ChangeTracker.Clear();
            copied += batch.Count;
        }
    }

    private static Task<long> CountOf(Bots1CDbContext db, IEntityType table, CancellationToken ct) =>
        (Task<long>)CountMethod.MakeGenericMethod(table.ClrType).Invoke(null, [db, ct])!;

    private static Task<long> CountAsync<T>(Bots1CDbContext db, CancellationToken ct) where T : class =>
        db.Set<T>().LongCountAsync(ct);

    /// <summary>Rows were inserted with their own keys, which PostgreSQL's identity sequences did not see: without this
    /// the first new row would be given key 1 again. SQLite takes the next key from the table itself.</summary>
    private static async Task ContinueKeySequencesAsync(Bots1CDbContext target, IReadOnlyList<IEntityType> tables, CancellationToken ct)
    {
        if (target.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return;
        var sql = target.GetService<ISqlGenerationHelper>();
        foreach (var table in tables)
        {
            if (table.FindPrimaryKey()!.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key])
                continue;
            var type = Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType;
            if (type != typeof(int) && type != typeof(long))
                continue;
            var name = sql.DelimitIdentifier(table.GetTableName()!);
            var column = sql.DelimitIdentifier(key.GetColumnName());
            // Table and column names come from our own model, never from input.
#pragma warning disable EF1002
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{name}', '{key.GetColumnName()}'), COALESCE((SELECT MAX({column}) FROM {name}), 0) + 1, false) WHERE pg_get_serial_sequence('{name}', '{key.GetColumnName()}') IS NOT NULL", ct);
#pragma warning restore EF1002
        }
    }
}
