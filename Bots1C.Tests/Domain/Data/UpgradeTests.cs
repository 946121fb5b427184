using Bots1C.Domain.Data;
using Bots1C.Domain.Data.Backups;
using Bots1C.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bots1C.Tests.Domain.Data;

/// <summary>An update migrates the database in place; before it does, the database as it was is saved, and an older
/// version refuses a database a newer one has already changed (docs/upgrading.md).</summary>
public sealed class UpgradeTests : IDisposable
{
    private const string AnEarlierVersionsLastMigration = "20261203085717_MoreChannels";
    private readonly TempFolder _folder = new();
    private readonly DataFolder _data;
    private readonly ServiceProvider _services;

    public UpgradeTests()
    {
        _data = new DataFolder(_folder.Path);
        _services = new ServiceCollection()
            .AddDbContextFactory<Bots1CDbContext>(o => DatabaseProvider.Configure(o, new DatabaseOptions(), _data))
            .BuildServiceProvider();
    }

    [Fact]
    public async Task Updating_an_existing_database_first_saves_a_copy_of_it_as_it_was()
    {
        await MigrateToAsync(AnEarlierVersionsLastMigration);
        await SeedBotAsync("kept through the update");

        await Migrator().MigrateAsync();

        var copy = Assert.Single(Backups().List());
        Assert.Contains(AnEarlierVersionsLastMigration, Path.GetFileName(copy));
        Assert.Equal(AnEarlierVersionsLastMigration, await LastAppliedMigrationAsync(copy));
        Assert.Equal("kept through the update", await ScalarAsync<string>(copy, "SELECT Name FROM Bots"));
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task The_saved_copy_is_private_to_the_account_the_app_runs_as()
    {
        if (OperatingSystem.IsWindows())
            return;
        await MigrateToAsync(AnEarlierVersionsLastMigration);

        await Migrator().MigrateAsync();

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Assert.Single(Backups().List())));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Backups().Folder));
    }

    [Fact]
    public async Task A_first_start_and_a_start_without_changes_save_no_copy()
    {
        await Migrator().MigrateAsync();
        await Migrator().MigrateAsync();

        Assert.Empty(Backups().List());
    }

    [Fact]
    public async Task Only_the_newest_five_copies_are_kept()
    {
        var backups = Backups();
        PrivateFiles.EnsureFolder(backups.Folder);
        for (var day = 1; day <= 6; day++)
            await File.WriteAllTextAsync(Path.Combine(backups.Folder, $"{UpgradeBackups.Prefix}202601{day:00}-000000-old.db"), "");
        await MigrateToAsync(AnEarlierVersionsLastMigration);

        await Migrator().MigrateAsync();

        var kept = backups.List();
        Assert.Equal(UpgradeBackups.Kept, kept.Count);
        Assert.DoesNotContain(kept, f => f.Contains("20260101") || f.Contains("20260102"));
        Assert.Contains(kept, f => f.Contains(AnEarlierVersionsLastMigration));
    }

    [Fact]
    public async Task A_database_changed_by_a_newer_version_is_refused_with_what_to_do()
    {
        await Migrator().MigrateAsync();
        await using (var connection = Open(_data.File(DatabaseProvider.SqliteFileName)))
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            await insert.ExecuteNonQueryAsync();
        }

        var refusal = await Assert.ThrowsAsync<DatabaseStartupException>(() => Migrator().MigrateAsync());

        Assert.Contains("newer version of Bots1C", refusal.Message);
        Assert.Contains("29991231000000_FromTheFuture", refusal.Message);
        Assert.Contains("docs/upgrading.md", refusal.Message);
        Assert.Empty(Backups().List());
    }

    private DatabaseMigrator Migrator() => new(_services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>(),
        Options.Create(new DatabaseOptions()), _data, Backups(), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);

    private UpgradeBackups Backups() => new(_data, NullLogger<UpgradeBackups>.Instance);

    private async Task MigrateToAsync(string migration)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    private async Task<List<string>> PendingAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        return (await db.Database.GetPendingMigrationsAsync()).ToList();
    }

    private async Task SeedBotAsync(string name)
    {
        await using var connection = Open(_data.File(DatabaseProvider.SqliteFileName));
        await using var columns = connection.CreateCommand();
        // Only the columns without defaults an earlier schema requires; the test does not pin the whole bot shape.
        columns.CommandText = "SELECT name FROM pragma_table_info('Bots') WHERE \"notnull\" = 1 AND dflt_value IS NULL AND pk = 0";
        var required = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                required.Add(reader.GetString(0));
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO Bots ({string.Join(", ", required)}) VALUES ({string.Join(", ", required.Select((c, i) => "$p" + i))})";
        for (var i = 0; i < required.Count; i++)
            insert.Parameters.AddWithValue("$p" + i, required[i] == "Name" ? name : required[i].EndsWith("At") ? 0 : "0");
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<string?> LastAppliedMigrationAsync(string file) =>
        await ScalarAsync<string>(file, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1");

    private static async Task<T?> ScalarAsync<T>(string file, string sql)
    {
        await using var connection = Open(file);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T?)await command.ExecuteScalarAsync();
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
