using Bots1C.Domain.Licensing;
using Bots1C.Domain.Licensing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> installation)
    {
        installation.Property(i => i.Id).ValueGeneratedNever(); // one row, id 1: a second start cannot add another
        installation.Property(i => i.InstallationId).HasMaxLength(64);
    }
}

public class InstalledLicenseConfiguration : IEntityTypeConfiguration<InstalledLicense>
{
    public void Configure(EntityTypeBuilder<InstalledLicense> license)
    {
        license.Property(l => l.LicenseId).HasMaxLength(64);
        license.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        license.Property(l => l.InstalledBy).HasMaxLength(256);
    }
}

public class LicenseContractConfiguration : IEntityTypeConfiguration<LicenseContract>
{
    public void Configure(EntityTypeBuilder<LicenseContract> contract)
    {
        contract.Property(c => c.Inn).HasMaxLength(12);
        contract.Property(c => c.Number).HasMaxLength(100);
        contract.Property(c => c.Messengers).HasMaxLength(200);
        contract.HasIndex(c => new { c.Inn, c.Number }).IsUnique();
        contract.Ignore(c => c.MessengerList);
    }
}

public class IssuedLicenseConfiguration : IEntityTypeConfiguration<IssuedLicense>
{
    public void Configure(EntityTypeBuilder<IssuedLicense> issued)
    {
        issued.Property(l => l.LicenseId).HasMaxLength(64);
        issued.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        issued.Property(l => l.WebhookHost).HasMaxLength(255);
        issued.Property(l => l.InstallationId).HasMaxLength(64);
        issued.HasIndex(l => new { l.ContractId, l.Type });
        issued.HasOne<LicenseContract>().WithMany().HasForeignKey(l => l.ContractId);
    }
}
