using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bots1C.Domain.Conversations;

/// <summary>
/// Gives back, at start and every half minute, the inbox and outbox claims of app instances that are provably gone: their
/// lock file (<see cref="AppInstance"/>) is there but nobody holds it. Without this, the chats such a process was
/// handling wait for its leases to run out (two minutes), because a chat is never processed past a held row.
/// A live process's file cannot be taken, so its claims are never touched; a process whose file is not in our data folder
/// (another machine) is left to its leases. Sent-but-unrecorded replies of the dead process go out again, as they would
/// after the lease: the duplicate bound is the dispatcher's batch (docs/security.md, Crashes).
/// </summary>
public sealed class GoneInstanceRelease(
    AppInstance instance,
    IDbContextFactory<Bots1CDbContext> dbFactory,
    InboxSignal inboxSignal,
    OutboxSignal outboxSignal,
    ILogger<GoneInstanceRelease> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReleaseGoneInstancesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // E.g. the schema is not there yet on a first start: the next round tries again; the leases still expire.
                logger.LogDebug(e, "Could not look for the claims of stopped instances");
            }
            await Task.Delay(Every, stoppingToken);
        }
    }

    /// <summary>Returns how many rows were given back.</summary>
    public async Task<int> ReleaseGoneInstancesAsync(CancellationToken ct)
    {
        // Without a lock of our own, file locks may not work here at all: a file we can take proves nothing.
        if (!instance.HoldsLock || !Directory.Exists(instance.Folder))
            return 0;
        var released = 0;
        foreach (var path in Directory.EnumerateFiles(instance.Folder, "*" + AppInstance.Extension))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (id == instance.Id)
                continue;
            FileStream gone;
            try
            {
                // Taken only if no process holds it. Deleted when we are done, so it is looked at once.
                gone = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // alive (or already taken care of by another instance)
            }
            await using (gone)
            {
                var rows = await ReleaseClaimsOfAsync(id, ct);
                if (rows > 0)
                    logger.LogInformation("Released {Rows} inbox/outbox row(s) claimed by the stopped instance {Instance}", rows, id);
                released += rows;
            }
        }
        if (released > 0)
        {
            inboxSignal.Signal();
            outboxSignal.Signal();
        }
        return released;
    }

    private async Task<int> ReleaseClaimsOfAsync(string id, CancellationToken ct)
    {
        var prefix = AppInstance.ClaimPrefix(id);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inbox = await db.Inbox.Where(i => i.State == InboxState.Pending && i.LeaseOwner != null && i.LeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null), ct);
        var outbox = await db.Outbox.Where(o => o.State == OutboxState.Pending && o.LeaseOwner != null && o.LeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
        return inbox + outbox;
    }
}
