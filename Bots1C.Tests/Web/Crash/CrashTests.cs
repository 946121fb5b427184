using Bots1C.Bench;
using Bots1C.Domain.Conversations;
using Xunit.Abstractions;

namespace Bots1C.Tests.Web.Crash;

/// <summary>
/// The plug pulled under load: the real app as a child process (dotnet Bots1C.Web.dll from the build output) takes
/// Telegram webhooks for many chats, is killed with SIGKILL midway and started again on the same data folder
/// (CrashRun, shared with the bench's crash scenario). The guarantees of docs/security.md (Crashes), counted.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_kill_9_under_load_every_update_is_stored_and_processed_once_and_each_chat_gets_its_replies_in_order()
    {
        var options = new CrashOptions(Bots: 10, Chats: 200, UpdatesPerChat: 6, Kills: 1,
            Interval: TimeSpan.FromSeconds(0.1), Deadline: TimeSpan.FromSeconds(150));

        var figures = await CrashRun.RunAsync(options, line => output.WriteLine(line));

        output.WriteLine(figures.ToString());
        Assert.Equal(options.Updates, figures.Acknowledged);
        Assert.Equal(figures.Acknowledged, figures.Stored);
        Assert.Equal(0, figures.ProcessedTwice);
        Assert.Equal(0, figures.Unprocessed);
        Assert.Equal(0, figures.Missing);
        Assert.Equal(0, figures.OutOfOrder);
        Assert.InRange(figures.Duplicates, 0, OutboxDispatcher.BatchSize * options.Kills);
    }
}
