using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Data;

/// <summary>The schema is built by the engine's own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres);
/// <see cref="MigrationTestsOnPostgres"/> runs the same on PostgreSQL.</summary>
public class MigrationTests
{
    protected virtual DatabaseKind Database => DatabaseKind.Sqlite;

    [SkippableFact]
    public async Task A_fresh_data_folder_gets_a_database_built_by_every_migration()
    {
        using var app = Bots1CAppFactory.On(Database);
        _ = app.Services; // starts the app

        if (Database == DatabaseKind.Sqlite)
            Assert.True(File.Exists(Path.Combine(app.DataPath, DatabaseProvider.SqliteFileName)));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableFact]
    public async Task Starting_again_keeps_a_row_written_by_the_previous_run()
    {
        using var folder = new TempFolder();
        using var postgres = Database == DatabaseKind.Postgres ? TestPostgres.CreateDatabase() : null;
        Bots1CAppFactory Start() => postgres is null ? new Bots1CAppFactory(folder.Path) : new Bots1CAppFactory(folder.Path).OnPostgres(postgres);
        using (var first = Start())
            await first.Services.GetRequiredService<EventJournal>()
                .InfoAsync(EventSources.System, new EventDetail("Probe", "written before the restart"));

        using var second = Start();
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.Events.Where(e => e.Code == "Probe" && e.Message == "written before the restart").ToListAsync());
    }
}

[Trait("Database", "Postgres")]
public class MigrationTestsOnPostgres : MigrationTests
{
    protected override DatabaseKind Database => DatabaseKind.Postgres;
}

/// <summary>Each engine has its own migrations for the one context; neither may lag behind the model.</summary>
public class EngineMigrationsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public void The_model_has_no_changes_missing_from_either_engines_migrations(DatabaseKind kind)
    {
        // No connection is made: the model is compared with the engine's own migrations' snapshot.
        using var db = DesignTimeContext(kind);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"Add a {kind} migration: dotnet ef migrations add <Name> ... -- {kind} (see docs/architecture.md, Migrations).");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite, "Bots1C.Domain.Data.Migrations.Sqlite")]
    [InlineData(DatabaseKind.Postgres, "Bots1C.Domain.Data.Migrations.Postgres")]
    public void Each_engine_sees_only_its_own_migrations(DatabaseKind kind, string ns)
    {
        using var db = DesignTimeContext(kind);
        var ours = typeof(Bots1CDbContext).Assembly.GetTypes()
            .Select(t => (t.Namespace, Id: (t.GetCustomAttributes(typeof(MigrationAttribute), false).SingleOrDefault() as MigrationAttribute)?.Id))
            .Where(t => t.Id is not null && t.Namespace == ns).Select(t => t.Id!).Order().ToList();

        Assert.NotEmpty(ours);
        Assert.Equal(ours, db.Database.GetMigrations().ToList());
    }

    private static Bots1CDbContext DesignTimeContext(DatabaseKind kind) =>
        new DesignTimeDbContextFactory().CreateDbContext([kind.ToString()]);
}
