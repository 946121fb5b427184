using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Operators;

/// <summary>
/// Gives taken-over dialogs back to the bot when nobody has written in them for <see cref="OperatorOptions.IdleReturnMinutes"/>,
/// so a customer is never left with a paused bot after the operator went home.
/// </summary>
public sealed class IdleConversationReturn(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    ConversationNotifier notifier,
    IOptions<OperatorOptions> options,
    TimeProvider clock,
    Jobs.JobLeases leases,
    ILogger<IdleConversationReturn> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Returning idle dialogs to the bot failed; trying again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round on one instance only: two would both return the same dialog and write its "returned to the
    /// bot" twice. Null when another instance holds the job (<see cref="Jobs.JobLeases"/>).</summary>
    public async Task<int?> RoundAsync(CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(Jobs.JobLeases.IdleReturn, 3 * CheckEvery, ct))
            return null;
        return await ReturnIdleAsync(ct);
    }

    /// <summary>Returns how many dialogs went back to the bot.</summary>
    public async Task<int> ReturnIdleAsync(CancellationToken ct = default)
    {
        var minutes = options.Value.IdleReturnMinutes;
        if (minutes <= 0)
            return 0;
        var now = clock.GetUtcNow();
        var idleSince = now - TimeSpan.FromMinutes(minutes);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var idle = await db.Conversations
            .Where(c => c.Mode == ConversationMode.WithOperator && !c.IsClosed && c.LastMessageAt < idleSince
                && (c.OperatorSince == null || c.OperatorSince < idleSince))
            .OrderBy(c => c.LastMessageAt) // the longest idle go back first when more than one round's worth wait
            .Take(500).ToListAsync(ct);
        foreach (var conversation in idle)
        {
            ConversationStates.ReturnWhenIdle(conversation);
            ConversationControl.AddEvent(db, conversation, ConversationEventCodes.ReturnedWhenIdle, null, minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        }
        await db.SaveChangesAsync(ct);
        foreach (var conversation in idle)
            await notifier.PublishAsync(new ConversationEvent(conversation.BotId, conversation.Id, null, ConversationChange.ConversationChanged));
        return idle.Count;
    }
}
