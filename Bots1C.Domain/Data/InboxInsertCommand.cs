using System.Data.Common;
using Bots1C.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bots1C.Domain.Data;

/// <summary>
/// The webhook hot path's one statement: insert an update unless (bot, external id) is already stored.
/// EF Core would check, track and insert entity by entity; this reuses one prepared command per batch.
/// Table, columns and value conversions are read from the EF model, so the SQL follows the mapping;
/// "ON CONFLICT DO NOTHING" is understood by SQLite and PostgreSQL alike.
/// </summary>
public sealed class InboxInsertCommand
{
    private readonly string _sql;
    private readonly (string Name, Func<InboxUpdate, object?> Value)[] _columns;

    public InboxInsertCommand(Bots1CDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(InboxUpdate))!;
        var table = entity.GetTableName()!;
        var sql = db.GetService<ISqlGenerationHelper>();
        object? Provider(string property, object? value) =>
            entity.FindProperty(property)!.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        string Column(string property) => entity.FindProperty(property)!.GetColumnName();

        _columns =
        [
            (Column(nameof(InboxUpdate.BotId)), u => u.BotId),
            (Column(nameof(InboxUpdate.ExternalId)), u => u.ExternalId),
            (Column(nameof(InboxUpdate.ChatKey)), u => u.ChatKey),
            (Column(nameof(InboxUpdate.Payload)), u => u.Payload),
            (Column(nameof(InboxUpdate.ReceivedAt)), u => Provider(nameof(InboxUpdate.ReceivedAt), u.ReceivedAt)),
            (Column(nameof(InboxUpdate.State)), u => Provider(nameof(InboxUpdate.State), u.State)),
            (Column(nameof(InboxUpdate.Attempts)), u => u.Attempts),
        ];
        var names = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var parameters = string.Join(", ", _columns.Select((_, i) => $"@p{i}"));
        var keys = $"{sql.DelimitIdentifier(Column(nameof(InboxUpdate.BotId)))}, {sql.DelimitIdentifier(Column(nameof(InboxUpdate.ExternalId)))}";
        _sql = $"INSERT INTO {sql.DelimitIdentifier(table)} ({names}) VALUES ({parameters}) ON CONFLICT ({keys}) DO NOTHING";
    }

    /// <summary>Inserts the rows in one transaction; returns how many were new.</summary>
    public async Task<int> ExecuteAsync(Bots1CDbContext db, IReadOnlyList<InboxUpdate> rows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var inserted = connection.CanCreateBatch
                ? await InsertAsOneBatchAsync(connection, transaction, rows, ct)
                : await InsertRowByRowAsync(connection, transaction, rows, ct);
            await transaction.CommitAsync(ct);
            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite runs in-process: one prepared statement re-run per row costs no round trip.</summary>
    private async Task<int> InsertRowByRowAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InboxUpdate> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _sql;
        var parameters = _columns.Select((_, i) => AddParameter(command, $"@p{i}")).ToArray();
        var inserted = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < _columns.Length; i++)
                parameters[i].Value = _columns[i].Value(row) ?? DBNull.Value;
            inserted += await command.ExecuteNonQueryAsync(ct);
        }
        return inserted;
    }

    /// <summary>A database server (PostgreSQL) gets the whole group in one round trip: sent row by row, the transaction
    /// stayed open while the server waited for the app's next row, the largest wait on the intake path
    /// (docs/benchmarks.md, PostgreSQL).</summary>
    private async Task<int> InsertAsOneBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InboxUpdate> rows, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _sql;
            for (var i = 0; i < _columns.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = _columns[i].Value(row) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        return await batch.ExecuteNonQueryAsync(ct);
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
