using Npgsql;

namespace Bots1C.Bench;

/// <summary>
/// A fresh PostgreSQL database for one benchmark's app (<c>--provider postgres</c>), created on the server named by
/// BOTS1C_BENCH_POSTGRES (or BOTS1C_TEST_POSTGRES, which <c>.ci/test-servers</c> prints) and dropped afterwards, so one
/// benchmark's rows never weigh on the next and nothing is left on the server. The role needs CREATEDB.
/// </summary>
public sealed class PostgresBenchDatabase : IAsyncDisposable
{
    public const string Variable = "BOTS1C_BENCH_POSTGRES";
    public const string TestVariable = "BOTS1C_TEST_POSTGRES";

    private readonly string _server;

    private PostgresBenchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>The server's connection string from the environment, or null when neither variable is set.</summary>
    public static string? Server =>
        new[] { Variable, TestVariable }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The server in words for the table's header: version, host and port (never the password).</summary>
    public static async Task<string> DescribeAsync(string server)
    {
        var builder = new NpgsqlConnectionStringBuilder(server);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        return $"PostgreSQL {connection.PostgreSqlVersion} at {builder.Host}:{builder.Port}";
    }

    public static async Task<PostgresBenchDatabase> CreateAsync(string server)
    {
        var name = $"bots1c_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresBenchDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("BOTS1C_BENCH_KEEP_DATA") == "1")
        {
            Console.Error.WriteLine($"  kept the database {Name}");
            return;
        }
        // The app's pooled connections (or a killed child's) may still be open: FORCE ends them (PostgreSQL 13+).
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
