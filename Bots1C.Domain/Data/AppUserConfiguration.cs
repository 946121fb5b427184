using Bots1C.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(128);
        // The column keeps the name it was created with; code says conversation (docs/architecture.md, "Words we use").
        user.Property(u => u.PlaysSoundWhenConversationWaits).HasColumnName("PlaysSoundWhenDialogWaits");
    }
}
