using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Data;

public class SqliteBusyTimeoutTests
{
    [Fact]
    public async Task Every_connection_of_the_app_lets_sqlite_wait_for_the_write_lock_itself()
    {
        using var app = new Bots1CAppFactory();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal((long)SqliteBusyTimeout.Milliseconds, await command.ExecuteScalarAsync());
    }
}
