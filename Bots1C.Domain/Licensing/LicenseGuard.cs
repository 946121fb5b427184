using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Licensing;

/// <summary>
/// The enforcement points: saving or activating a bot, registering its webhook, serving a new contact. Each answers
/// with the original's error or null; the callers write refusals to the event log (the troubleshooting guide's step 2
/// reads them there).
/// </summary>
public class LicenseGuard(LicenseStore store, IDbContextFactory<Bots1CDbContext> dbFactory, IOptions<LicensingOptions> options, EventJournal journal,
    TimeProvider clock)
{
    /// <summary>A bot that is (or becomes) active: the license, its messenger, its webhook host and the active bot count.</summary>
    public async Task<LicenseRefusal?> CheckActiveBotAsync(long? botId, Messenger messenger, string publicBaseUrl, CancellationToken ct = default)
    {
        var status = await store.StatusAsync(ct);
        if ((Whole(status) ?? ForBot(status.License!, messenger, publicBaseUrl)) is { } refusal)
            return refusal;
        if (status.License!.ActiveBots is not { } limit)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await db.Bots.CountAsync(b => b.State == BotState.Active && b.Id != botId, ct);
        return others + 1 > limit ? new LicenseRefusal(LicenseError.TooManyActiveBots, Limit: limit) : null;
    }

    public async Task<LicenseRefusal?> CheckWebhookAsync(Messenger messenger, string publicBaseUrl, CancellationToken ct = default)
    {
        var status = await store.StatusAsync(ct);
        return Whole(status) ?? ForBot(status.License!, messenger, publicBaseUrl);
    }

    /// <summary>
    /// Whether the bot answers this contact. A contact already served stays served (the check is for new ones); a new
    /// one, or one refused before, is checked — so a working license installed later serves the refused ones from their
    /// next message. A refusal is kept on the contact (the administrator sees why) and logged once per contact, in the
    /// caller's unit of work: the journal's own connection would wait on the batch's write lock.
    /// </summary>
    public async Task<bool> ServesAsync(Bots1CDbContext db, BotSnapshot bot, Contact contact, CancellationToken ct)
    {
        if (contact.Id != 0 && contact.LicenseRefusal is null)
            return true;
        var refusal = await CheckContactAsync(db, bot, contact, ct);
        if (refusal is null)
        {
            contact.LicenseRefusal = null;
            return true;
        }
        if (contact.LicenseRefusal != refusal.Error)
        {
            contact.LicenseRefusal = refusal.Error;
            db.Events.Add(new EventLogEntry
            {
                At = clock.GetUtcNow(), Level = EventLevel.Error, Source = EventSources.Licensing, Code = refusal.EventCode,
                Message = $"{refusal.English} The bot does not answer {contact.DisplayName} ({contact.ExternalUserId}); the messages are kept.",
                Subject = bot.Credentials.Name,
                BotId = bot.Id,
                // A contact met for the first time has no id yet; the bot link still leads there.
                ContactId = contact.Id == 0 ? null : contact.Id,
            });
        }
        return false;
    }

    private async Task<LicenseRefusal?> CheckContactAsync(Bots1CDbContext db, BotSnapshot bot, Contact contact, CancellationToken ct)
    {
        var status = await store.StatusAsync(ct);
        if ((Whole(status) ?? ForBot(status.License!, bot.Messenger, bot.PublicBaseUrl)) is { } refusal)
            return refusal;
        var license = status.License!;
        if (license.ActiveBots is { } bots && await db.Bots.CountAsync(b => b.State == BotState.Active, ct) > bots)
            return new LicenseRefusal(LicenseError.TooManyActiveBots, Limit: bots);
        if (license.ContactsPerBot is not { } limit)
            return null;
        // Served contacts: those saved without a refusal, plus new ones of this same batch not saved yet.
        var served = await db.Contacts.CountAsync(c => c.BotId == bot.Id && c.LicenseRefusal == null && c.Id != contact.Id, ct)
            + db.Contacts.Local.Count(c => c.BotId == bot.Id && c.Id == 0 && c.LicenseRefusal == null && !ReferenceEquals(c, contact));
        return served >= limit ? new LicenseRefusal(LicenseError.TestContactLimit, Limit: limit) : null;
    }

    public Task LogAsync(LicenseRefusal refusal, string? subject, string? actor, CancellationToken ct = default, EventLinks? about = null) =>
        journal.WriteAsync(EventLevel.Error, EventSources.Licensing, LicenseEvents.Refused(refusal), subject, actor, ct, about);

    /// <summary>The license as a whole: present, genuine, not expired, not on a shared database it forbids.</summary>
    private LicenseRefusal? Whole(LicenseStatus status) => status switch
    {
        { IsInstalled: false } => new LicenseRefusal(LicenseError.NoLicense),
        { Check: KeyCheck.Expired } => new LicenseRefusal(LicenseError.Expired),
        { IsValid: false } => LicenseRefusal.InvalidKey(status.Check!.Value),
        { License.ForbidsSharedDatabase: true } when options.Value.SharedDatabase => new LicenseRefusal(LicenseError.SharedDatabase),
        _ => null,
    };

    private static LicenseRefusal? ForBot(LicenseDocument license, Messenger messenger, string publicBaseUrl)
    {
        if (!license.Allows(messenger))
            return new LicenseRefusal(LicenseError.MessengerNotAllowed, Messenger: messenger.ToString());
        var host = Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) ? uri.Host : null;
        return license.FitsHost(host) ? null : new LicenseRefusal(LicenseError.DomainMismatch, Host: license.WebhookHost);
    }
}
