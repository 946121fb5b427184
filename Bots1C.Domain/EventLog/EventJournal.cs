using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.EventLog;

/// <summary>Writes the registration journal. Each write is its own short unit of work so it never
/// rides on (or rolls back with) the caller's transaction.</summary>
public class EventJournal(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public async Task WriteAsync(EventLevel level, string source, EventDetail detail,
        string? subject = null, string? actor = null, CancellationToken ct = default, EventLinks? about = null) =>
        await WriteReturningIdAsync(level, source, detail, subject, actor, ct, about);

    /// <summary>Writes an entry and returns its id, for a writer that later revises it (see <see cref="ReviseAsync"/>).</summary>
    public async Task<long> WriteReturningIdAsync(EventLevel level, string source, EventDetail detail,
        string? subject = null, string? actor = null, CancellationToken ct = default, EventLinks? about = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = new EventLogEntry
        {
            At = clock.GetUtcNow(),
            Level = level,
            Source = source,
            Subject = subject,
            Actor = actor,
            BotId = about?.BotId,
            ConversationId = about?.ConversationId,
            ContactId = about?.ContactId,
        };
        Describe(entry, detail);
        db.Events.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    /// <summary>Replaces an entry's message and values, e.g. to count repeats instead of writing each (an entry already
    /// removed by retention is left alone).</summary>
    public async Task ReviseAsync(long id, EventDetail detail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Events.FindAsync([id], ct) is not { } entry)
            return;
        Describe(entry, detail);
        await db.SaveChangesAsync(ct);
    }

    public Task InfoAsync(string source, EventDetail detail, string? subject = null, string? actor = null) =>
        WriteAsync(EventLevel.Information, source, detail, subject, actor);

    public Task WarningAsync(string source, EventDetail detail, string? subject = null, string? actor = null) =>
        WriteAsync(EventLevel.Warning, source, detail, subject, actor);

    /// <summary>Fills an entry from its detail, for a writer that adds the entry inside its own unit of work.</summary>
    public static void Describe(EventLogEntry entry, EventDetail detail)
    {
        entry.Code = detail.Code;
        entry.Message = detail.English;
        // Values too long to keep whole are not kept at all (cut JSON cannot be read): the page shows the English message.
        var args = detail.ToJson();
        entry.Args = args.Length <= EventFieldLimits.Args ? args : null;
    }
}
