using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class EventLogEntryConfiguration : IEntityTypeConfiguration<EventLogEntry>
{
    public void Configure(EntityTypeBuilder<EventLogEntry> entry)
    {
        entry.ToTable("EventLog");
        entry.Property(e => e.Source).HasMaxLength(64);
        entry.Property(e => e.Code).HasMaxLength(64);
        entry.Property(e => e.Message).HasMaxLength(4000);
        entry.Property(e => e.Subject).HasMaxLength(256);
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Args).HasMaxLength(EventFieldLimits.Args);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Source, e.At });
        entry.HasIndex(e => new { e.BotId, e.At });
    }
}
