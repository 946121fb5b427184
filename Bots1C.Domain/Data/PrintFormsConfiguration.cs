using Bots1C.Domain.PrintForms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class OrganisationDetailsConfiguration : IEntityTypeConfiguration<OrganisationDetails>
{
    public void Configure(EntityTypeBuilder<OrganisationDetails> organisation)
    {
        organisation.Property(o => o.Id).ValueGeneratedNever();
        organisation.Property(o => o.Name).HasMaxLength(300);
        organisation.Property(o => o.Inn).HasMaxLength(12);
        organisation.Property(o => o.Kpp).HasMaxLength(9);
        organisation.Property(o => o.Ogrn).HasMaxLength(15);
        organisation.Property(o => o.Address).HasMaxLength(500);
        organisation.Property(o => o.BankName).HasMaxLength(300);
        organisation.Property(o => o.Bic).HasMaxLength(9);
        organisation.Property(o => o.CorrespondentAccount).HasMaxLength(20);
        organisation.Property(o => o.SettlementAccount).HasMaxLength(20);
        organisation.Property(o => o.Director).HasMaxLength(200);
        organisation.Property(o => o.ChiefAccountant).HasMaxLength(200);
    }
}

public class PrintDocumentConfiguration : IEntityTypeConfiguration<PrintDocument>
{
    public void Configure(EntityTypeBuilder<PrintDocument> document)
    {
        document.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        document.Property(d => d.Number).HasMaxLength(50);
        document.Property(d => d.Contract).HasMaxLength(300);
        document.Property(d => d.Currency).HasMaxLength(3);
        document.Property(d => d.ExternalId).HasMaxLength(100);
        document.HasIndex(d => d.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        document.Property(d => d.CounterpartyId).HasColumnName("OwnerId"); // the column keeps the directory's first name
        document.HasIndex(d => new { d.CounterpartyId, d.Kind, d.Date });
        document.HasOne(d => d.Counterparty).WithMany().HasForeignKey(d => d.CounterpartyId);
        document.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DocumentId).OnDelete(DeleteBehavior.Cascade);
        document.Ignore(d => d.Total);
        document.Ignore(d => d.VatByRate);
    }
}

public class PrintDocumentLineConfiguration : IEntityTypeConfiguration<PrintDocumentLine>
{
    public void Configure(EntityTypeBuilder<PrintDocumentLine> line)
    {
        line.Property(l => l.Name).HasMaxLength(1000);
        line.Property(l => l.Unit).HasMaxLength(20);
        line.Ignore(l => l.Amount);
        line.Ignore(l => l.VatAmount);
    }
}

public class PrintFormDeliveryConfiguration : IEntityTypeConfiguration<PrintFormDelivery>
{
    public void Configure(EntityTypeBuilder<PrintFormDelivery> delivery)
    {
        delivery.Property(d => d.Form).HasMaxLength(50);
        delivery.Property(d => d.FileName).HasMaxLength(255);
        delivery.Property(d => d.Author).HasMaxLength(200);
        delivery.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.MessageId);
        delivery.HasOne<Counterparties.Counterparty>().WithMany().HasForeignKey(d => d.CounterpartyId);
        delivery.HasOne<Conversations.Contact>().WithMany().HasForeignKey(d => d.ContactId);
        delivery.HasOne<PrintDocument>().WithMany().HasForeignKey(d => d.DocumentId).OnDelete(DeleteBehavior.SetNull);
        delivery.Property(d => d.CounterpartyId).HasColumnName("OwnerId"); // the column keeps the directory's first name
        delivery.HasIndex(d => new { d.CounterpartyId, d.CreatedAt });
        delivery.HasIndex(d => d.CreatedAt);
    }
}
