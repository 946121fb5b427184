using Bots1C.Domain.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class DiagnosticRunConfiguration : IEntityTypeConfiguration<DiagnosticRun>
{
    public void Configure(EntityTypeBuilder<DiagnosticRun> run)
    {
        run.Property(r => r.Actor).HasMaxLength(256);
        run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        run.HasIndex(r => new { r.BotId, r.Id });
        run.HasOne<Bots.Bot>().WithMany().HasForeignKey(r => r.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class BotWebhookStatusConfiguration : IEntityTypeConfiguration<BotWebhookStatus>
{
    public void Configure(EntityTypeBuilder<BotWebhookStatus> status)
    {
        status.HasKey(s => s.BotId);
        status.Property(s => s.Url).HasMaxLength(2048);
        status.Property(s => s.LastErrorMessage).HasMaxLength(2000);
        status.Property(s => s.Failure).HasMaxLength(2000);
        status.HasOne<Bots.Bot>().WithMany().HasForeignKey(s => s.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}
