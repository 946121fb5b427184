using Bots1C.Bench;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bots1C.Tests.Web.Crash;

/// <summary>
/// Two real app processes on one PostgreSQL database and one Redis behind one "address" (CrashRun): updates of every
/// chat go to both, one instance is killed with SIGKILL under load, and the other finishes its work: nothing lost,
/// nothing processed twice, each chat's replies in order (docs/scaling.md).
/// </summary>
public class TwoInstanceCrashTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task When_one_of_two_instances_is_killed_under_load_the_other_finishes_its_work_in_each_chats_order()
    {
        using var database = TestPostgres.CreateDatabase();
        Skip.If(string.IsNullOrWhiteSpace(RedisFactAttribute.Connection), $"Needs a Redis server: set {RedisFactAttribute.Variable}.");
        var options = new CrashOptions(Bots: 4, Chats: 100, UpdatesPerChat: 6, Kills: 1,
            Interval: TimeSpan.FromSeconds(0.1), Deadline: TimeSpan.FromSeconds(150), Instances: 2);

        var figures = await CrashRun.RunAsync(options, line => output.WriteLine(line), database.ConnectionString, RedisFactAttribute.Connection);

        output.WriteLine(figures.ToString());
        Assert.Equal(options.Updates, figures.Acknowledged);
        Assert.Equal(figures.Acknowledged, figures.Stored);
        Assert.Equal(0, figures.ProcessedTwice);
        Assert.Equal(0, figures.Unprocessed);
        Assert.Equal(0, figures.Missing);
        Assert.Equal(0, figures.OutOfOrder);
        Assert.InRange(figures.Duplicates, 0, OutboxDispatcher.BatchSize * options.Kills);
    }

    [SkippableFact]
    public async Task Updates_of_one_chat_spread_over_two_instances_are_answered_in_order()
    {
        using var database = TestPostgres.CreateDatabase();
        Skip.If(string.IsNullOrWhiteSpace(RedisFactAttribute.Connection), $"Needs a Redis server: set {RedisFactAttribute.Variable}.");
        var options = new CrashOptions(Bots: 2, Chats: 50, UpdatesPerChat: 8, Kills: 0,
            Interval: TimeSpan.FromSeconds(0.05), Deadline: TimeSpan.FromSeconds(120), Instances: 2);

        var figures = await CrashRun.RunAsync(options, line => output.WriteLine(line), database.ConnectionString, RedisFactAttribute.Connection);

        output.WriteLine(figures.ToString());
        Assert.Equal(options.Updates, figures.Stored);
        Assert.Equal((0, 0, 0, 0, 0), (figures.ProcessedTwice, figures.Unprocessed, figures.Missing, figures.OutOfOrder, figures.Duplicates));
    }
}
