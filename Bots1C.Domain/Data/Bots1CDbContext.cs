using Bots1C.Domain.Accounts;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.EventLog;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Data;

public class Bots1CDbContext(DbContextOptions<Bots1CDbContext> options) : IdentityDbContext<AppUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>Data Protection's key ring when it is kept in the database for several instances (docs/scaling.md),
    /// each key encrypted with the installation's certificate; empty when the keys live in the data folder's keys/.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<EventLogEntry> Events => Set<EventLogEntry>();
    public DbSet<Bot> Bots => Set<Bot>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();
    public DbSet<InboxUpdate> Inbox => Set<InboxUpdate>();
    public DbSet<OutboxItem> Outbox => Set<OutboxItem>();
    public DbSet<ApiKeys.ApiKey> ApiKeys => Set<ApiKeys.ApiKey>();
    public DbSet<Files.StoredFile> Files => Set<Files.StoredFile>();
    public DbSet<Scenarios.Scenario> Scenarios => Set<Scenarios.Scenario>();
    public DbSet<Scenarios.BotScenario> BotScenarios => Set<Scenarios.BotScenario>();
    public DbSet<Counterparties.Counterparty> Counterparties => Set<Counterparties.Counterparty>();
    public DbSet<Operators.QuickReply> QuickReplies => Set<Operators.QuickReply>();
    public DbSet<Counterparties.CustomCounterpartyType> CustomCounterpartyTypes => Set<Counterparties.CustomCounterpartyType>();
    public DbSet<Counterparties.ContactLinkChange> ContactLinkChanges => Set<Counterparties.ContactLinkChange>();
    public DbSet<Counterparties.Sync.ODataSource> ODataSources => Set<Counterparties.Sync.ODataSource>();
    public DbSet<Licensing.Installation> Installations => Set<Licensing.Installation>();
    public DbSet<Licensing.InstalledLicense> InstalledLicenses => Set<Licensing.InstalledLicense>();
    public DbSet<Licensing.Server.LicenseContract> LicenseContracts => Set<Licensing.Server.LicenseContract>();
    public DbSet<Licensing.Server.IssuedLicense> IssuedLicenses => Set<Licensing.Server.IssuedLicense>();
    public DbSet<PrintForms.OrganisationDetails> Organisation => Set<PrintForms.OrganisationDetails>();
    public DbSet<PrintForms.PrintDocument> PrintDocuments => Set<PrintForms.PrintDocument>();
    public DbSet<PrintForms.PrintFormDelivery> PrintFormDeliveries => Set<PrintForms.PrintFormDelivery>();
    public DbSet<Diagnostics.DiagnosticRun> DiagnosticRuns => Set<Diagnostics.DiagnosticRun>();
    public DbSet<Diagnostics.BotWebhookStatus> BotWebhookStatuses => Set<Diagnostics.BotWebhookStatus>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshContactSearchText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshContactSearchText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Contacts change in many places (messenger profile, shared phone, scenarios, the directory): the search
    /// column follows them here rather than in each of those places.</summary>
    private void RefreshContactSearchText()
    {
        foreach (var entry in ChangeTracker.Entries<Contact>())
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity.BuildSearchText() is var text && entry.Entity.SearchText != text)
                entry.Entity.SearchText = text;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(Bots1CDbContext).Assembly);
        DatabaseProvider.ConfigureModel(Database, builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        DatabaseProvider.ConfigureConventions(Database, conventions);
}
