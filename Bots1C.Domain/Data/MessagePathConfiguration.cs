using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bots1C.Domain.Data;

public class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> bot)
    {
        bot.Property(b => b.Name).HasMaxLength(100);
        bot.HasIndex(b => b.Name).IsUnique();
        bot.Property(b => b.Messenger).HasConversion<string>().HasMaxLength(20);
        bot.Property(b => b.State).HasConversion<string>().HasMaxLength(20);
        bot.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        bot.Property(b => b.BotKey).HasMaxLength(64);
        bot.HasIndex(b => b.BotKey).IsUnique();
        bot.Property(b => b.PublicBaseUrl).HasMaxLength(500);
        bot.Property(b => b.ApiServerUrl).HasMaxLength(500);
        bot.Property(b => b.StatusReason).HasMaxLength(1000);
        bot.Property(b => b.ConfirmationCode).HasMaxLength(100);
        bot.Ignore(b => b.WebhookUrl);
        bot.Ignore(b => b.EmbedSnippet);
        bot.HasOne<Scenarios.Scenario>().WithMany().HasForeignKey(b => b.MainMenuScenarioId).OnDelete(DeleteBehavior.SetNull);
        bot.HasOne<Scenarios.Scenario>().WithMany().HasForeignKey(b => b.NotMatchedScenarioId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.HasIndex(c => new { c.BotId, c.ExternalUserId }).IsUnique();
        contact.Property(c => c.ExternalUserId).HasMaxLength(128);
        contact.HasOne<Bot>().WithMany().HasForeignKey(c => c.BotId);
        contact.Ignore(c => c.DisplayName);
        contact.Property(c => c.SearchText).HasMaxLength(600);
        contact.Property(c => c.CounterpartyId).HasColumnName("OwnerId"); // the column keeps the directory's first name
        contact.HasOne(c => c.Counterparty).WithMany().HasForeignKey(c => c.CounterpartyId).OnDelete(DeleteBehavior.SetNull);
        contact.HasIndex(c => c.CounterpartyId);
        contact.HasIndex(c => c.NeedsPerson).HasFilter("\"NeedsPerson\" = 1");
        contact.Property(c => c.LicenseRefusal).HasConversion<string>().HasMaxLength(30);
    }
}

public class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.HasIndex(c => new { c.BotId, c.ContactId }).IsUnique();
        conversation.HasIndex(c => c.LastMessageAt);
        conversation.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId);
        conversation.HasOne<Bot>().WithMany().HasForeignKey(c => c.BotId);
        conversation.Property(c => c.Mode).HasConversion<string>().HasMaxLength(30);
        conversation.Property(c => c.StepId).HasMaxLength(16);
        // A deleted scenario leaves its conversations idle rather than pointing nowhere.
        conversation.HasOne<Scenarios.Scenario>().WithMany().HasForeignKey(c => c.ScenarioId).OnDelete(DeleteBehavior.SetNull);
        // The call worker polls for the few conversations with a pending request; a partial index keeps that cheap.
        conversation.HasIndex(c => c.CallLeaseUntil).HasFilter("\"PendingCallJson\" IS NOT NULL");
        // The dialog list: each tab is a filter on these, ordered by last activity.
        conversation.HasIndex(c => new { c.IsClosed, c.LastMessageAt });
        conversation.HasIndex(c => new { c.Mode, c.LastMessageAt });
        conversation.HasIndex(c => new { c.AssignedUserId, c.LastMessageAt });
        conversation.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(c => c.AssignedUserId).OnDelete(DeleteBehavior.SetNull);
        conversation.Property(c => c.LastMessagePreview).HasMaxLength(Conversation.PreviewLength);
    }
}

public class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.HasIndex(m => new { m.ConversationId, m.Id });
        message.HasIndex(m => m.ExternalMessageId);
        // The dashboard's "today" counters and 30-day charts read messages by time.
        message.HasIndex(m => m.CreatedAt);
        message.HasOne(m => m.Conversation).WithMany().HasForeignKey(m => m.ConversationId);
        message.Property(m => m.Direction).HasConversion<string>().HasMaxLength(10);
        message.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        message.Property(m => m.DeliveryState).HasConversion<string>().HasMaxLength(20);
        message.Ignore(m => m.AuthorKind);
        message.Property(m => m.AuthorUserId).HasMaxLength(450);
        message.Property(m => m.EventDetail).HasMaxLength(256);
        message.HasOne(m => m.StoredFile).WithMany().HasForeignKey(m => m.StoredFileId);
    }
}

public class InboxUpdateConfiguration : IEntityTypeConfiguration<InboxUpdate>
{
    public const string Table = "InboxUpdates";

    public void Configure(EntityTypeBuilder<InboxUpdate> update)
    {
        update.ToTable(Table);
        update.HasIndex(u => new { u.BotId, u.ExternalId }).IsUnique();
        update.HasIndex(u => new { u.State, u.Id });
        // The claim's "no older held row in this chat" check, and the call worker's wake-up of a chat: pending rows only,
        // so the index stays as small as the backlog.
        update.HasIndex(u => new { u.BotId, u.ChatKey, u.Id }).HasFilter("\"State\" = 0").HasDatabaseName("IX_InboxUpdates_PendingChat");
        update.Property(u => u.ExternalId).HasMaxLength(128); // web chat: visitor id + the window's message id
        update.Property(u => u.ChatKey).HasMaxLength(128);
        update.HasOne<Bot>().WithMany().HasForeignKey(u => u.BotId);
    }
}

public class OutboxItemConfiguration : IEntityTypeConfiguration<OutboxItem>
{
    public void Configure(EntityTypeBuilder<OutboxItem> item)
    {
        item.ToTable("Outbox");
        item.HasIndex(i => new { i.State, i.NextAttemptAt });
        // The claim's "nothing earlier waiting or held in this chat" check: pending items only. The bot's own index stays
        // (the foreign key's: a partial index does not cover every row).
        item.HasIndex(i => i.BotId);
        item.HasIndex(i => new { i.BotId, i.ChatId, i.Id }).HasFilter("\"State\" = 0").HasDatabaseName("IX_Outbox_PendingChat");
        item.HasOne<Bot>().WithMany().HasForeignKey(i => i.BotId);
        item.HasOne(i => i.Message).WithMany().HasForeignKey(i => i.MessageId);
    }
}

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeys.ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKeys.ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(8);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Hash).IsUnique();
    }
}

public class StoredFileConfiguration : IEntityTypeConfiguration<Files.StoredFile>
{
    public void Configure(EntityTypeBuilder<Files.StoredFile> file)
    {
        file.ToTable("Files");
        file.Property(f => f.FileName).HasMaxLength(255);
        file.Property(f => f.MimeType).HasMaxLength(127);
    }
}

public class CounterpartyConfiguration : IEntityTypeConfiguration<Counterparties.Counterparty>
{
    public void Configure(EntityTypeBuilder<Counterparties.Counterparty> counterparty)
    {
        // The tables and columns keep the names the directory was first stored with ("owners"): renaming them would be a
        // migration that rewrites every installation's data for a word.
        counterparty.ToTable("Owners");
        counterparty.Property(o => o.CounterpartyType).HasColumnName("OwnerType");
        counterparty.Property(o => o.CounterpartyType).HasMaxLength(50);
        counterparty.Property(o => o.Name).HasMaxLength(Counterparties.CounterpartyInputValidator.MaxName);
        counterparty.Property(o => o.SearchName).HasMaxLength(Counterparties.CounterpartyInputValidator.MaxName);
        counterparty.Property(o => o.Inn).HasMaxLength(12);
        counterparty.Property(o => o.Kpp).HasMaxLength(9);
        counterparty.Property(o => o.ExternalId).HasMaxLength(100);
        counterparty.HasIndex(o => o.Inn);
        counterparty.HasIndex(o => new { o.CounterpartyType, o.ExternalId });
        counterparty.HasIndex(o => new { o.CounterpartyType, o.Name });
        counterparty.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(o => o.MainManagerUserId).OnDelete(DeleteBehavior.SetNull);
        counterparty.HasMany(o => o.Phones).WithOne().HasForeignKey(p => p.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        counterparty.HasMany(o => o.Emails).WithOne().HasForeignKey(e => e.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CounterpartyPhoneConfiguration : IEntityTypeConfiguration<Counterparties.CounterpartyPhone>
{
    public void Configure(EntityTypeBuilder<Counterparties.CounterpartyPhone> phone)
    {
        phone.ToTable("OwnerPhone");
        phone.Property(p => p.CounterpartyId).HasColumnName("OwnerId");
        phone.Property(p => p.Number).HasMaxLength(20);
        phone.HasIndex(p => p.Number); // linking: which counterparties have this phone
    }
}

public class CounterpartyEmailConfiguration : IEntityTypeConfiguration<Counterparties.CounterpartyEmail>
{
    public void Configure(EntityTypeBuilder<Counterparties.CounterpartyEmail> email)
    {
        email.ToTable("OwnerEmail");
        email.Property(e => e.CounterpartyId).HasColumnName("OwnerId");
        email.Property(e => e.Address).HasMaxLength(254);
        email.HasIndex(e => e.Address);
    }
}

public class CustomCounterpartyTypeConfiguration : IEntityTypeConfiguration<Counterparties.CustomCounterpartyType>
{
    public void Configure(EntityTypeBuilder<Counterparties.CustomCounterpartyType> type)
    {
        type.ToTable("CustomOwnerTypes");
        type.HasKey(t => t.Key);
        type.Property(t => t.Key).HasMaxLength(50);
        type.Property(t => t.Name).HasMaxLength(100);
    }
}

public class ContactLinkChangeConfiguration : IEntityTypeConfiguration<Counterparties.ContactLinkChange>
{
    public void Configure(EntityTypeBuilder<Counterparties.ContactLinkChange> change)
    {
        change.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.ContactId, c.Id });
        change.Property(c => c.PreviousCounterpartyId).HasColumnName("PreviousOwnerId");
        change.Property(c => c.NewCounterpartyId).HasColumnName("NewOwnerId");
        change.Property(c => c.Reason).HasMaxLength(300);
    }
}

public class QuickReplyConfiguration : IEntityTypeConfiguration<Operators.QuickReply>
{
    public void Configure(EntityTypeBuilder<Operators.QuickReply> reply)
    {
        reply.Property(r => r.Shortcut).HasMaxLength(Operators.QuickReplyValidator.MaxShortcut);
        reply.Property(r => r.Title).HasMaxLength(Operators.QuickReplyValidator.MaxTitle);
        reply.HasIndex(r => new { r.BotId, r.Shortcut }).IsUnique();
        reply.HasOne<Bot>().WithMany().HasForeignKey(r => r.BotId).OnDelete(DeleteBehavior.Cascade);
        reply.HasOne(r => r.StoredFile).WithMany().HasForeignKey(r => r.StoredFileId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class ODataSourceConfiguration : IEntityTypeConfiguration<Counterparties.Sync.ODataSource>
{
    public void Configure(EntityTypeBuilder<Counterparties.Sync.ODataSource> source)
    {
        source.ToTable("ODataSources");
        source.Property(s => s.Name).HasMaxLength(100);
        source.Property(s => s.BaseUrl).HasMaxLength(500);
        source.Property(s => s.UserName).HasMaxLength(100);
        source.Property(s => s.Catalog).HasMaxLength(200);
        source.Property(s => s.CounterpartyType).HasMaxLength(50).HasColumnName("OwnerType");
        source.Property(s => s.LastSyncResult).HasMaxLength(1000);
        source.Property(s => s.LastSyncErrorCode).HasMaxLength(30);
        source.Property(s => s.ManagerField).HasMaxLength(100);
    }
}
