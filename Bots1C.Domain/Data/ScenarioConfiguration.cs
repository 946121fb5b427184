using Bots1C.Domain.Bots;
using Bots1C.Domain.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> scenario)
    {
        scenario.Property(s => s.Key).HasMaxLength(64);
        scenario.HasIndex(s => s.Key).IsUnique();
        scenario.Property(s => s.Name).HasMaxLength(200);
        scenario.HasIndex(s => s.Name).IsUnique();
        scenario.Property(s => s.Description).HasMaxLength(2000);
        scenario.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}

public class BotScenarioConfiguration : IEntityTypeConfiguration<BotScenario>
{
    public void Configure(EntityTypeBuilder<BotScenario> link)
    {
        link.HasKey(l => new { l.BotId, l.ScenarioId });
        link.HasOne<Bot>().WithMany().HasForeignKey(l => l.BotId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Scenario>().WithMany().HasForeignKey(l => l.ScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}
