namespace Bots1C.Tests.Infrastructure;

/// <summary>
/// A test that needs a real Redis server: skipped, saying why, when <c>BOTS1C_TEST_REDIS</c> is not set (a machine with
/// only the .NET SDK still passes the suite); when it is set, the test runs, and fails if Redis cannot be reached
/// (<see cref="TwoInstances"/> checks). <c>eval "$(.ci/test-servers)"</c> sets it.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Variable = "BOTS1C_TEST_REDIS";

    public RedisFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Connection))
            Skip = $"Needs a Redis server: set {Variable} (e.g. eval \"$(.ci/test-servers)\").";
    }

    public static string? Connection => Environment.GetEnvironmentVariable(Variable);
}
