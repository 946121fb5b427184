using System.Text.RegularExpressions;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Runner;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Operators;

public sealed record QuickReplyInput(long? BotId, string Shortcut, string Title, string Text, long? StoredFileId);

public sealed partial class QuickReplyValidator : AbstractValidator<QuickReplyInput>
{
    public const int MaxShortcut = 32;
    public const int MaxTitle = 100;

    public QuickReplyValidator()
    {
        // Stop at the first failure: an empty shortcut is "required", not also "wrong format".
        RuleFor(r => r.Shortcut).Cascade(CascadeMode.Stop).NotEmpty().WithErrorCode("ShortcutRequired").WithMessage("Give the quick reply a shortcut.")
            .MaximumLength(MaxShortcut).WithErrorCode("ShortcutTooLong").WithMessage($"A shortcut is at most {MaxShortcut} characters.")
            .Matches(ShortcutPattern()).WithErrorCode("ShortcutFormat")
            .WithMessage("A shortcut is letters, digits, '-' and '_' without spaces (it is typed after '/').");
        RuleFor(r => r.Title).NotEmpty().WithErrorCode("TitleRequired").WithMessage("Give the quick reply a title.")
            .MaximumLength(MaxTitle).WithErrorCode("TitleTooLong").WithMessage($"A title is at most {MaxTitle} characters.");
        RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).When(r => r.StoredFileId is null)
            .WithErrorCode("TextRequired").WithMessage("Write the reply's text (or attach a file).");
        RuleFor(r => r.Text).MaximumLength(OutgoingTextValidator.MaxText).WithErrorCode("TextTooLong")
            .WithMessage($"The text is longer than {OutgoingTextValidator.MaxText} characters.");
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}_-]+$")]
    private static partial Regex ShortcutPattern();
}

public sealed record QuickReplyChange(QuickReply? Reply, IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors, bool NotFound = false);

/// <summary>Managers keep the list; operators search it from the composer.</summary>
public sealed class QuickReplies(IDbContextFactory<Bots1CDbContext> dbFactory, IValidator<QuickReplyInput> validator, TimeProvider clock)
{
    public async Task<IReadOnlyList<QuickReply>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QuickReplies.AsNoTracking().Include(r => r.StoredFile).OrderBy(r => NameOrder.Key(r.Shortcut)).ToListAsync(ct);
    }

    /// <summary>The replies offered in one bot's dialogs (its own and the global ones) whose shortcut or title holds the
    /// search; a bot's own reply hides a global one with the same shortcut.</summary>
    public async Task<IReadOnlyList<QuickReply>> ForBotAsync(long botId, string? search, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offered = await db.QuickReplies.AsNoTracking().Include(r => r.StoredFile)
            .Where(r => r.BotId == null || r.BotId == botId).ToListAsync(ct);
        var key = search?.Trim() ?? "";
        return offered
            .GroupBy(r => r.Shortcut, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderBy(r => r.BotId is null).First())
            .Where(r => key.Length == 0 || r.Shortcut.Contains(key, StringComparison.OrdinalIgnoreCase) || r.Title.Contains(key, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => !r.Shortcut.StartsWith(key, StringComparison.OrdinalIgnoreCase)).ThenBy(r => r.Shortcut, StringComparer.OrdinalIgnoreCase)
            .Take(Math.Clamp(take, 1, 100)).ToList();
    }

    public async Task<QuickReplyChange> SaveAsync(long? id, QuickReplyInput input, CancellationToken ct = default)
    {
        input = input with { Shortcut = input.Shortcut?.Trim().TrimStart('/') ?? "", Title = input.Title?.Trim() ?? "", Text = input.Text ?? "" };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
            return new(null, validation.Errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lowered = input.Shortcut.ToLower();
        if (await db.QuickReplies.AnyAsync(r => r.Id != id && r.BotId == input.BotId && r.Shortcut.ToLower() == lowered, ct))
            return new(null, [new(nameof(QuickReplyInput.Shortcut), $"There is already a quick reply /{input.Shortcut} here.") { ErrorCode = "ShortcutTaken" }]);
        var now = clock.GetUtcNow();
        QuickReply? reply;
        if (id is { } existing)
        {
            reply = await db.QuickReplies.FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (reply is null)
                return new(null, [], NotFound: true);
        }
        else
        {
            reply = new QuickReply { CreatedAt = now };
            db.QuickReplies.Add(reply);
        }
        reply.BotId = input.BotId;
        reply.Shortcut = input.Shortcut;
        reply.Title = input.Title;
        reply.Text = input.Text.Trim();
        reply.StoredFileId = input.StoredFileId;
        reply.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new(reply, []);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QuickReplies.Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The text as it goes to this customer: <c>{{contact.*}}</c>, <c>{{vars.*}}</c> and <c>{{operator.name}}</c> filled in.</summary>
    public static string Render(QuickReply reply, Conversation conversation, Contact contact, string operatorName)
    {
        var text = reply.Text.Replace("{{operator.name}}", operatorName, StringComparison.Ordinal)
            .Replace("{{ operator.name }}", operatorName, StringComparison.Ordinal);
        // Quick replies spell contact fields the documented way, {{contact.first_name}}; scenarios' templates know
        // them as contact.firstName. Without this the name was silently rendered empty.
        text = ScenarioVariables.Placeholder().Replace(text, m => m.Groups[1].Value is var reference
            && reference.StartsWith(ScenarioVariables.ContactPrefix, StringComparison.Ordinal) && reference.Contains('_')
                ? "{{" + ScenarioVariables.ContactPrefix + CamelCase(reference[ScenarioVariables.ContactPrefix.Length..]) + "}}"
                : m.Value);
        var variables = string.IsNullOrWhiteSpace(conversation.VariablesJson) ? new Dictionary<string, string>()
            : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(conversation.VariablesJson) ?? [];
        return TextTemplate.Render(text, variables, ScenarioResponder.FactsOf(contact));
    }

    private static string CamelCase(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
