using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Data;

public class MigrationTests
{
    [Fact]
    public async Task A_fresh_data_folder_gets_a_database_built_by_every_migration()
    {
        using var app = new Bots1CAppFactory();
        _ = app.Services; // starts the app

        Assert.True(File.Exists(Path.Combine(app.DataPath, DatabaseProvider.SqliteFileName)));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Starting_again_keeps_a_row_written_by_the_previous_run()
    {
        using var folder = new TempFolder();
        using (var first = new Bots1CAppFactory(folder.Path))
            await first.Services.GetRequiredService<EventJournal>()
                .InfoAsync(EventSources.System, new EventDetail("Probe", "written before the restart"));

        using var second = new Bots1CAppFactory(folder.Path);
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.Events.Where(e => e.Code == "Probe" && e.Message == "written before the restart").ToListAsync());
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        using var app = new Bots1CAppFactory();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add <Name>' (see docs/architecture.md).");
    }
}
