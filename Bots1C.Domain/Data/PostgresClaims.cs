using Bots1C.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Data;

/// <summary>
/// The inbox's and the outbox's claims on PostgreSQL, where several app instances claim at once. Each is the same
/// rule as the one-statement claim SQLite runs (see <c>ConversationProcessor.ClaimAsync</c> and
/// <c>OutboxDispatcher.ClaimAsync</c>): a row is taken only if no older row of its chat is held.
/// <para>
/// Why more is needed here: in READ COMMITTED each statement reads a snapshot taken when it starts. Two claims
/// starting together both see chat X's row 1 free; the first takes rows 1 and 2, the second waits on their row
/// locks, then re-checks only the rows it was about to update, never the "no older row is held" subquery, which still
/// reads the old snapshot: it can take row 3 while the first claimer holds row 1, and the chat's order is gone. So a
/// claim first takes a transaction-scoped advisory lock (one per table): claims run one after another, and each
/// claim's statement starts after the previous claim committed, so it sees every row that claim took. The lock is
/// held only for the claim's one statement, never while the work is done. FOR UPDATE SKIP LOCKED passes over rows
/// another transaction is changing at that moment (a processor marking them done, a release) instead of waiting.
/// SQLite has one writer, so its claims are already one after another.
/// </para>
/// </summary>
public static class PostgresClaims
{
    // Arbitrary, fixed numbers: pg_advisory_xact_lock keys shared by every instance on the database.
    public const long InboxClaimLock = 0x426F_7473_3143_0001;
    public const long OutboxClaimLock = 0x426F_7473_3143_0002;

    public static Task<int> ClaimInboxAsync(Bots1CDbContext db, string claim, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken ct)
    {
        var (at, until, pending) = (now.ToUniversalTime(), (now + lease).ToUniversalTime(), (int)InboxState.Pending);
        return UnderLockAsync(db, InboxClaimLock, () => db.Database.ExecuteSqlAsync($"""
            UPDATE "InboxUpdates" SET "LeaseOwner" = {claim}, "LeaseUntil" = {until}
            WHERE "Id" IN (
                SELECT i."Id" FROM "InboxUpdates" AS i
                WHERE i."State" = {pending} AND (i."LeaseUntil" IS NULL OR i."LeaseUntil" < {at})
                  AND NOT EXISTS (
                      SELECT 1 FROM "InboxUpdates" AS o
                      WHERE o."State" = {pending} AND o."BotId" = i."BotId" AND o."ChatKey" = i."ChatKey" AND o."Id" < i."Id"
                        AND o."LeaseUntil" >= {at} AND o."Attempts" = 0)
                ORDER BY i."Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct), ct);
    }

    public static Task<int> ClaimOutboxAsync(Bots1CDbContext db, string claim, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken ct)
    {
        var (at, until, pending) = (now.ToUniversalTime(), (now + lease).ToUniversalTime(), (int)OutboxState.Pending);
        return UnderLockAsync(db, OutboxClaimLock, () => db.Database.ExecuteSqlAsync($"""
            UPDATE "Outbox" SET "LeaseOwner" = {claim}, "LeaseUntil" = {until}
            WHERE "Id" IN (
                SELECT o."Id" FROM "Outbox" AS o
                WHERE o."State" = {pending} AND o."NextAttemptAt" <= {at} AND (o."LeaseUntil" IS NULL OR o."LeaseUntil" < {at})
                  AND NOT EXISTS (
                      SELECT 1 FROM "Outbox" AS e
                      WHERE e."State" = {pending} AND e."BotId" = o."BotId" AND e."ChatId" = o."ChatId" AND e."Id" < o."Id"
                        AND (e."NextAttemptAt" > {at} OR e."LeaseUntil" >= {at}))
                ORDER BY o."Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct), ct);
    }

    private static async Task<int> UnderLockAsync(Bots1CDbContext db, long key, Func<Task<int>> claim, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        var claimed = await claim();
        await transaction.CommitAsync(ct);
        return claimed;
    }
}
