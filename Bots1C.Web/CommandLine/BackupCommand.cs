using System.CommandLine;
using Bots1C.Domain.Data;
using Bots1C.Domain.Data.Backups;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.CommandLine;

/// <summary>
/// <c>dotnet Bots1C.Web.dll backup --out FOLDER</c>: the database and <c>keys/</c> as the pair they must be restored
/// as (the keys decrypt the bot tokens stored in the database), taken consistently while the app keeps running.
/// </summary>
public static class BackupCommand
{
    public static Command Build(IServiceProvider services)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "A new (or empty) folder for the copy.", Required = true };
        var command = new Command("backup", "Copy the database and keys/ into a folder, while the app runs.") { output };
        command.SetAction(result => Run(result.GetValue(output)!, services));
        return command;
    }

    private static int Run(DirectoryInfo folder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var dataFolder = services.GetRequiredService<DataFolder>();
        if (options.Provider != DatabaseKind.Sqlite)
        {
            // The copy is SQLite's online backup; a server database is copied by the server's own tool.
            Console.Error.WriteLine($"The database is {options.Provider} ({DatabaseProvider.Describe(options, dataFolder)}): this command copies " +
                $"only SQLite. Back it up with pg_dump (pg_dump --format=custom --file=bots1c.dump DATABASE) and copy " +
                $"{dataFolder.File(DataFolder.KeysFolder)} with it: the keys decrypt the bot tokens in the database (docs/upgrading.md).");
            return 1;
        }
        var database = DatabaseProvider.Describe(options, dataFolder);
        if (!File.Exists(database))
        {
            Console.Error.WriteLine($"There is no database at {database} to back up.");
            return 1;
        }
        if (folder.Exists && folder.EnumerateFileSystemInfos().Any())
        {
            Console.Error.WriteLine($"{folder.FullName} is not empty: a backup goes into a new folder and never overwrites one.");
            return 1;
        }

        PrivateFiles.EnsureFolder(folder.FullName);
        SqliteBackup.Copy(DatabaseProvider.ConnectionString(options, dataFolder), Path.Combine(folder.FullName, DatabaseProvider.SqliteFileName));
        var keys = dataFolder.File(DataFolder.KeysFolder);
        var keysCopy = Path.Combine(folder.FullName, DataFolder.KeysFolder);
        PrivateFiles.EnsureFolder(keysCopy);
        var copied = 0;
        if (Directory.Exists(keys))
            foreach (var key in Directory.GetFiles(keys))
            {
                var target = Path.Combine(keysCopy, Path.GetFileName(key));
                File.Copy(key, target);
                PrivateFiles.Restrict(target);
                copied++;
            }
        Console.WriteLine($"Saved {DatabaseProvider.SqliteFileName} and {copied} key file(s) to {folder.FullName}.");
        Console.WriteLine("Restore: stop the app, put both back into the data folder, start it (docs/upgrading.md).");
        return 0;
    }
}
