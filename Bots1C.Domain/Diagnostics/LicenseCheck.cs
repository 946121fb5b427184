using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Bots1C.Domain.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Step 2: the license is valid for this bot, and the event log holds no recent license errors for it.</summary>
public sealed class LicenseCheck(LicenseStore store, LicenseGuard guard, IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan RecentErrors = TimeSpan.FromDays(7);

    public async Task<StepResult> RunAsync(Bot bot, CancellationToken ct)
    {
        var status = await store.StatusAsync(ct);
        var facts = new List<DiagnosticFact>();
        if (status.License is { } license)
        {
            facts.Add(new("LicenseType", license.Type.ToString()));
            facts.Add(new("LicenseHost", license.Type == LicenseType.Test ? "—" : license.WebhookHost ?? "*"));
            facts.Add(new("LicenseLimits", Limit(license.ActiveBots), Limit(license.ContactsPerBot)));
            facts.Add(new("LicenseExpires", license.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"));
        }
        var refusal = bot.State == BotState.Active
            ? await guard.CheckActiveBotAsync(bot.Id, bot.Messenger, bot.PublicBaseUrl, ct)
            : await guard.CheckWebhookAsync(bot.Messenger, bot.PublicBaseUrl, ct);
        if (refusal is not null)
        {
            facts.Add(Refused(refusal));
            return StepResult.Fail(DiagnosticStep.License, DiagnosticProblems.LicenseRefused, [.. facts]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow() - RecentErrors;
        var errors = await db.Events.AsNoTracking()
            .Where(e => e.Source == EventSources.Licensing && e.Level == EventLevel.Error && e.At >= since
                && (e.BotId == bot.Id || e.Subject == bot.Name))
            .OrderByDescending(e => e.Id).Select(e => e.Message).ToListAsync(ct);
        if (errors.Count > 0)
        {
            facts.Add(new("LicenseErrorsInLog", errors.Count.ToString(CultureInfo.InvariantCulture), errors[0]));
            return StepResult.Warn(DiagnosticStep.License, DiagnosticProblems.LicenseErrorsLogged, [.. facts]);
        }
        facts.Add(new("NoLicenseErrorsInLog"));
        return StepResult.Pass(DiagnosticStep.License, [.. facts]);
    }

    /// <summary>Carries what the pages need to say the refusal in the reader's language (see LicenseTexts).</summary>
    public static DiagnosticFact Refused(LicenseRefusal refusal) => new("LicenseRefused", refusal.English, refusal.Error.ToString(),
        refusal.Limit?.ToString(CultureInfo.InvariantCulture) ?? "", refusal.Host ?? "", refusal.Messenger ?? "");

    private static string Limit(int? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "∞";
}
