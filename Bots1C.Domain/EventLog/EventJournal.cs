using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.EventLog;

/// <summary>Writes the registration journal. Each write is its own short unit of work so it never
/// rides on (or rolls back with) the caller's transaction.</summary>
public class EventJournal(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public async Task WriteAsync(EventLevel level, string source, string code, string message,
        string? subject = null, string? actor = null, CancellationToken ct = default, EventLinks? about = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Events.Add(new EventLogEntry
        {
            At = clock.GetUtcNow(),
            Level = level,
            Source = source,
            Code = code,
            Message = message,
            Subject = subject,
            Actor = actor,
            BotId = about?.BotId,
            ConversationId = about?.ConversationId,
            ContactId = about?.ContactId,
        });
        await db.SaveChangesAsync(ct);
    }

    public Task InfoAsync(string source, string code, string message, string? subject = null, string? actor = null) =>
        WriteAsync(EventLevel.Information, source, code, message, subject, actor);

    public Task WarningAsync(string source, string code, string message, string? subject = null, string? actor = null) =>
        WriteAsync(EventLevel.Warning, source, code, message, subject, actor);
}
