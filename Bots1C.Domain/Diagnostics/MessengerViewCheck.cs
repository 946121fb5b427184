using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Step 6, the outside proof: the messenger itself says where it delivers and whether delivery fails.</summary>
public sealed class MessengerViewCheck(BotWebhookStatuses statuses, TimeProvider clock)
{
    /// <summary>Telegram keeps its last error for good; a recent one (or one with updates waiting) is a live failure.</summary>
    private static readonly TimeSpan RecentError = TimeSpan.FromHours(1);
    private const int ManyPending = 100;

    public async Task<StepResult> RunAsync(Bot bot, IChannelAdapter? adapter, BotCredentials credentials, CancellationToken ct)
    {
        const DiagnosticStep step = DiagnosticStep.MessengerView;
        if (adapter is null || await adapter.ReadWebhookAsync(credentials, ct) is not { } view)
            return StepResult.Pass(step, new DiagnosticFact("ServedByThisApp"));
        await statuses.SaveAsync(bot.Id, view, ct);
        if (!view.Ok)
            return StepResult.Fail(step, DiagnosticProblems.MessengerUnreachable, new DiagnosticFact("MessengerNotAsked", bot.Messenger.ToString(), view.Failure!));

        var facts = new List<DiagnosticFact> { new("MessengerWebhook", bot.Messenger.ToString(), string.IsNullOrEmpty(view.Url) ? "—" : view.Url) };
        if (view.PendingUpdates is { } pending)
            facts.Add(new("PendingUpdates", pending.ToString(CultureInfo.InvariantCulture)));
        if (view.LastErrorMessage is { } error)
            facts.Add(new("MessengerLastError", view.LastErrorAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—", error));

        if (string.IsNullOrEmpty(view.Url))
            return StepResult.Fail(step, DiagnosticProblems.WebhookNotRegistered, [.. facts]);
        if (!string.Equals(view.Url, bot.WebhookUrl, StringComparison.Ordinal))
        {
            facts.Add(new("WebhookExpected", bot.WebhookUrl));
            return StepResult.Fail(step, DiagnosticProblems.WebhookElsewhere, [.. facts]);
        }
        if (view.LastErrorMessage is not null)
            return view.PendingUpdates > 0 || view.LastErrorAt > clock.GetUtcNow() - RecentError
                ? StepResult.Fail(step, DiagnosticProblems.MessengerDeliveryFails, [.. facts])
                : StepResult.Warn(step, DiagnosticProblems.MessengerPastError, [.. facts]);
        if (view.PendingUpdates > ManyPending)
            return StepResult.Warn(step, DiagnosticProblems.UpdatesPilingUp, [.. facts]);
        return StepResult.Pass(step, [.. facts]);
    }
}
