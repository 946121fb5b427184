using System.Security.Claims;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Bots;

/// <summary>Creating, changing and listing bots (the "Chat bots" catalog), for the bot pages and the REST API alike.</summary>
public class BotCatalog(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    IValidator<BotInput> validator,
    TokenProtector tokens,
    BotCache cache,
    EventJournal journal,
    Licensing.LicenseGuard license,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<BotView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Bots.AsNoTracking().OrderBy(b => NameOrder.Key(b.Name)).ToListAsync(ct)).Select(BotView.From).ToList();
    }

    public async Task<BotView?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } bot ? BotView.From(bot) : null;
    }

    public async Task<BotChange> CreateAsync(BotInput input, string actor, CancellationToken ct = default)
    {
        input = input with { ExistingId = null };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new BotChange(null, validation.Errors);
        if (await LicenseRefusalAsync(null, input, input.Name, actor, ct) is { } refusal)
            return BotChange.Refused(refusal);

        var bot = new Bot
        {
            BotKey = BotKeys.NewBotKey(),
            WebhookSecret = BotKeys.NewWebhookSecret(),
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(bot, input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Bots.Add(bot);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.WriteAsync(EventLevel.Information, EventSources.Bots, BotEvents.BotCreated(bot.Messenger), bot.Name, actor, ct, EventLinks.Bot(bot.Id));
        return new BotChange(BotView.From(bot), []) { WebhookChanged = true };
    }

    /// <summary>A person's creation from the bot card: administrators only (<see cref="BotAccess"/>).</summary>
    public Task<BotChange> CreateAsync(BotInput input, ClaimsPrincipal user, CancellationToken ct = default) =>
        BotAccess.MayChangeSettings(user) ? CreateAsync(input, BotAccess.NameOf(user), ct) : Task.FromResult(BotChange.NotAllowed);

    /// <summary>A person's change from the bot card: administrators only; a manager changes the bot's scenarios
    /// through <see cref="Scenarios.BotScenarioSettings"/>, never its token, address or state.</summary>
    public Task<BotChange> UpdateAsync(long id, BotInput input, ClaimsPrincipal user, CancellationToken ct = default) =>
        BotAccess.MayChangeSettings(user) ? UpdateAsync(id, input, BotAccess.NameOf(user), ct) : Task.FromResult(BotChange.NotAllowed);

    public async Task<BotChange> UpdateAsync(long id, BotInput input, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Bots.FirstOrDefaultAsync(b => b.Id == id, ct) is not { } bot)
            return BotChange.Missing;
        input = input with { ExistingId = id };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new BotChange(null, validation.Errors);
        if (await LicenseRefusalAsync(id, input, bot.Name, actor, ct) is { } refusal)
            return BotChange.Refused(refusal);

        var before = bot.State;
        var reach = (bot.PublicBaseUrl, bot.ApiServerUrl, bot.ProtectedToken, bot.Messenger);
        Apply(bot, input);
        var webhookChanged = reach != (bot.PublicBaseUrl, bot.ApiServerUrl, bot.ProtectedToken, bot.Messenger)
            || (before != BotState.Active && bot.State == BotState.Active);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Bots, BotEvents.BotChanged(before, bot.State), bot.Name, actor);
        return new BotChange(BotView.From(bot), []) { WebhookChanged = webhookChanged };
    }

    /// <summary>The secret the messenger presents on every call (Telegram's secret_token, MAX's secret header, VK's secret
    /// key, WhatsApp's verify token), for the administrator who must paste it into the messenger's own settings (VK,
    /// WhatsApp). Only the bot card shows it, to administrators; the API and logs never carry it.</summary>
    public async Task<string?> WebhookSecretAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bots.AsNoTracking().Where(b => b.Id == id).Select(b => b.WebhookSecret).FirstOrDefaultAsync(ct);
    }

    /// <summary>The webhook secret for a person: administrators only, as the secret belongs to the messenger's settings.</summary>
    public Task<string?> WebhookSecretAsync(long id, ClaimsPrincipal user, CancellationToken ct = default) =>
        BotAccess.MayChangeSettings(user) ? WebhookSecretAsync(id, ct) : Task.FromResult<string?>(null);

    /// <summary>Like the original's deletion mark: the bot stops answering but its history stays.</summary>
    public async Task<bool> MarkForDeletionAsync(long id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Bots.FirstOrDefaultAsync(b => b.Id == id, ct) is not { } bot)
            return false;
        bot.State = BotState.MarkedForDeletion;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        await journal.InfoAsync(EventSources.Bots, BotEvents.BotMarkedForDeletion(), bot.Name, actor);
        return true;
    }

    /// <summary>Only an active bot uses the license: a disabled one may be prepared (or kept) under any license.</summary>
    private async Task<Licensing.LicenseRefusal?> LicenseRefusalAsync(long? id, BotInput input, string name, string actor, CancellationToken ct)
    {
        if (input.State != BotState.Active
            || await license.CheckActiveBotAsync(id, input.Messenger, input.PublicBaseUrl.Trim(), ct) is not { } refusal)
            return null;
        await license.LogAsync(refusal, name, actor, ct);
        return refusal;
    }

    private void Apply(Bot bot, BotInput input)
    {
        bot.Name = input.Name.Trim();
        bot.Messenger = input.Messenger;
        if (!string.IsNullOrWhiteSpace(input.Token))
        {
            var token = input.Token.Trim();
            bot.ProtectedToken = tokens.Protect(token);
            bot.TokenHint = TokenProtector.Hint(token);
        }
        if (!string.IsNullOrWhiteSpace(input.AppSecret))
            bot.ProtectedAppSecret = tokens.Protect(input.AppSecret.Trim());
        bot.ExtraId = Blank(input.ExtraId);
        bot.ConfirmationCode = Blank(input.ConfirmationCode);
        bot.HandOverToMessengerAgents = input.HandOverToMessengerAgents;
        // Kept exactly as typed (the publication path is case-sensitive), only the trailing slash dropped.
        bot.PublicBaseUrl = input.PublicBaseUrl.Trim().TrimEnd('/');
        bot.ApiServerUrl = Blank(input.ApiServerUrl)?.TrimEnd('/');
        bot.State = input.State;
        bot.AllowedOrigins = string.Join('\n', BotInputValidator.AllowedOriginList(input.AllowedOrigins).Select(o => o.TrimEnd('/')));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
