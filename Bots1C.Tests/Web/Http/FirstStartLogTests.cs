using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bots1C.Tests.Web.Http;

/// <summary>A newcomer's first start on an empty data folder prints no warnings from the database layer: the
/// migrations' table rebuilds are expected and safe, not something to act on.</summary>
public class FirstStartLogTests
{
    [Fact]
    public async Task A_first_start_that_shows_the_setup_page_logs_no_warning_at_all()
    {
        var logs = new CapturedLogs();
        using var app = new Bots1CAppFactory().WithServices(s => s.AddSingleton<ILoggerProvider>(logs));

        // The setup form carries an antiforgery token: the first Data Protection key is made here.
        (await app.CreateClient().GetAsync("/setup")).EnsureSuccessStatusCode();

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataPath, Bots1C.Domain.Data.DataFolder.KeysFolder)));
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}"));
    }

    [Fact]
    public async Task Creating_the_database_on_an_empty_data_folder_logs_no_warning_from_EF_Core()
    {
        var logs = new CapturedLogs();
        using var app = new Bots1CAppFactory().WithServices(s => s.AddSingleton<ILoggerProvider>(logs));

        await app.CreateClient().GetAsync("/health");

        Assert.Contains(logs.Entries, e => e.Category == "Bots1C.Domain.Data.DatabaseMigrator"); // the migrations did run
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}"));
    }
}
