using Npgsql;

namespace Bots1C.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use, named by BOTS1C_TEST_POSTGRES (a connection string; <c>.ci/test-servers</c>
/// prints it). Each test app gets a fresh database of its own, dropped afterwards, never a shared one. Without the
/// variable the PostgreSQL tests are skipped, so a machine with only the .NET SDK still runs the suite; with it, a
/// server that cannot be reached fails them (a skip would hide it).
/// </summary>
public static class TestPostgres
{
    public const string Variable = "BOTS1C_TEST_POSTGRES";

    public const string SkipReason =
        $"PostgreSQL tests need {Variable} (eval \"$(sudo .ci/test-servers)\", see README.md); skipped without it.";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test (Xunit.SkippableFact) when no server is configured.</summary>
    public static string RequireServer()
    {
        Skip.If(Server is null, SkipReason);
        return Server!;
    }

    /// <summary>A new empty database on the configured server (the test is skipped when there is none).</summary>
    public static TestDatabase CreateDatabase()
    {
        var server = RequireServer();
        var name = $"bots1c_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new TestDatabase(server, name);
    }

    public sealed class TestDatabase(string server, string name) : IDisposable
    {
        public string Name => name;

        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();

        public void Dispose()
        {
            // The app's pooled connections may still be open: FORCE ends them (PostgreSQL 13+).
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
