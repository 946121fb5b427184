using System.CommandLine;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Data.Copy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.CommandLine;

/// <summary>
/// <c>dotnet Bots1C.Web.dll db copy --from sqlite --to postgres</c>: moves an installation to another database. The
/// target is the database the settings name (<c>Bots1C:Database</c>), so its password never appears on a command line;
/// it is brought up to date and must be empty. The source is the SQLite file in the data folder (or <c>--from-file</c>),
/// or, for a server database, the connection string in <c>BOTS1C_COPY_FROM</c>. Counts are compared table by table.
/// </summary>
public static class DbCopyCommand
{
    public const string SourceVariable = "BOTS1C_COPY_FROM";

    public static Command Build(IServiceProvider services)
    {
        var from = new Option<DatabaseKind>("--from") { Description = "The engine the data is in now: sqlite or postgres.", Required = true };
        var to = new Option<DatabaseKind>("--to")
        {
            Description = "The engine to copy to; must be the one Bots1C:Database:Provider names (the target is the configured database).",
            Required = true,
        };
        var file = new Option<FileInfo?>("--from-file") { Description = "The SQLite file to copy (default: bots1c.db in the data folder)." };
        var copy = new Command("copy", $"Copy all data into the configured database (new and empty); a server source's connection string is read from {SourceVariable}.")
        {
            from, to, file,
        };
        copy.SetAction((result, ct) => RunAsync(result.GetValue(from), result.GetValue(to), result.GetValue(file), services, ct));
        return new Command("db", "Database commands.") { copy };
    }

    private static async Task<int> RunAsync(DatabaseKind from, DatabaseKind to, FileInfo? file, IServiceProvider services, CancellationToken ct)
    {
        var target = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var dataFolder = services.GetRequiredService<DataFolder>();
        if (to != target.Provider)
        {
            Console.Error.WriteLine($"--to {to}, but the settings name {target.Provider} (Bots1C:Database:Provider): set the target database's provider and connection string first (docs/deployment.md).");
            return 1;
        }
        if (SourceOptions(from, file, dataFolder) is not { } source)
            return 1;
        if (DatabaseProvider.Describe(source, dataFolder) == DatabaseProvider.Describe(target, dataFolder) && from == to)
        {
            Console.Error.WriteLine("The source and the target are the same database.");
            return 1;
        }
        if (AppInstance.RunningIn(dataFolder) is { Count: > 0 } running)
        {
            Console.Error.WriteLine($"Bots1C is running on this data folder ({running.Count} instance(s)): stop it first, or messages arriving during the copy would be left behind.");
            return 1;
        }

        try
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }
        catch (DatabaseStartupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var sourceOptions = new DbContextOptionsBuilder<Bots1CDbContext>();
        DatabaseProvider.Configure(sourceOptions, source, dataFolder);
        await using var sourceDb = new Bots1CDbContext(sourceOptions.Options);
        await using var targetDb = await services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync(ct);
        Console.WriteLine($"Copying {DatabaseProvider.Describe(source, dataFolder)} ({from}) to {DatabaseProvider.Describe(target, dataFolder)} ({to})…");
        IReadOnlyList<CopiedTable> tables;
        try
        {
            tables = await DatabaseCopy.CopyAsync(sourceDb, targetDb, line => Console.WriteLine("  " + line), ct);
        }
        catch (DatabaseCopyException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var width = tables.Max(t => t.Table.Length);
        Console.WriteLine();
        Console.WriteLine($"{"table".PadRight(width)}  {"source",8}  {"target",8}");
        foreach (var table in tables)
            Console.WriteLine($"{table.Table.PadRight(width)}  {table.Source,8}  {table.Target,8}{(table.Matches ? "" : "  differs")}");
        if (tables.Where(t => !t.Matches).ToList() is { Count: > 0 } differ)
        {
            Console.Error.WriteLine($"{differ.Count} table(s) differ: do not switch to the copy; empty the target and copy again.");
            return 1;
        }
        Console.WriteLine($"All {tables.Count} tables match ({tables.Sum(t => t.Target)} rows). Keep the data folder's keys/ with the new database: they decrypt the bot tokens in it.");
        return 0;
    }

    private static DatabaseOptions? SourceOptions(DatabaseKind from, FileInfo? file, DataFolder dataFolder)
    {
        if (from == DatabaseKind.Sqlite)
        {
            var path = file?.FullName ?? dataFolder.File(DatabaseProvider.SqliteFileName);
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"There is no SQLite database at {path}.");
                return null;
            }
            // Read-only: the copy must not change what it copies, not even by a migration.
            return new DatabaseOptions
            {
                Provider = DatabaseKind.Sqlite,
                ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ToString(),
            };
        }
        var connection = Environment.GetEnvironmentVariable(SourceVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine($"Set {SourceVariable} to the source database's connection string (kept out of the command line, where other users could read its password).");
            return null;
        }
        return new DatabaseOptions { Provider = from, ConnectionString = connection };
    }
}
