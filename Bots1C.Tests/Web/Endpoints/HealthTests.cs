using System.Net;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bots1C.Tests.Web.Endpoints;

public class HealthTests
{
    [Fact]
    public async Task Health_is_200_Healthy_while_the_database_answers()
    {
        using var app = new Bots1CAppFactory();
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_when_the_database_cannot_be_opened()
    {
        using var app = new Bots1CAppFactory();
        var client = app.CreateClient();
        await client.GetAsync("/health");

        // The database file vanishes and a folder takes its name: SQLite can no longer open it. A background worker
        // polling in between may open (and so re-create) the file first: then take it away again, a bounded number of times.
        var database = Path.Combine(app.DataPath, DatabaseProvider.SqliteFileName);
        for (var attempt = 0; !Directory.Exists(database); attempt++)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
            try
            {
                Directory.CreateDirectory(database);
            }
            catch (IOException) when (attempt < 20)
            {
            }
        }

        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
