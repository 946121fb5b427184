using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Jobs;

/// <summary>
/// Background jobs that must not run on two instances at once (a 1C sync, the bots' health round, returning idle
/// dialogs): each round, an instance takes or renews the job's lease in the database and runs the round only if it got
/// it. The holder keeps renewing; when it stops or dies, the lease runs out and another instance takes the job over.
/// One instance alone always gets it. The message path needs none of this: its rows are claimed one by one.
/// </summary>
public sealed class JobLeases(IDbContextFactory<Bots1CDbContext> dbFactory, AppInstance instance, TimeProvider clock)
{
    public const string BotHealth = "bot-health";
    public const string IdleReturn = "idle-return";
    public const string ODataSync = "odata-sync";

    /// <summary>True when this instance holds <paramref name="job"/> for the next <paramref name="duration"/> (taken now
    /// or renewed), false while another instance's lease lasts.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var owner = instance.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One conditional statement: of two instances renewing or taking over at once, the database lets one through.
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.Until < now || l.Owner == owner))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.Until, now + duration), ct);
        if (taken == 1)
            return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct))
            return false;
        db.JobLeases.Add(new JobLease { Name = job, Owner = owner, Until = now + duration });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance created the job's lease first: it is theirs
        }
    }
}
