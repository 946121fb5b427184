using System.Text.Json;
using System.Text.Json.Serialization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Dashboard;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Walks the six steps for one bot, saves the result, writes the event log and tells the dashboard.</summary>
public sealed class DiagnosticsRunner(
    ChannelAdapters adapters,
    IDbContextFactory<Bots1CDbContext> dbFactory,
    BotCache cache,
    InstallationCheck installation,
    LicenseCheck license,
    PublicationCheck publication,
    ReachabilityCheck reachability,
    CertificateCheck certificate,
    MessengerViewCheck messengerView,
    EventJournal journal,
    DashboardSignal signal,
    TimeProvider clock)
{
    private const int RunsKeptPerBot = 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Null when there is no such bot. <paramref name="progress"/> hears each step as it finishes.</summary>
    public async Task<DiagnosticReport?> RunAsync(long botId, string? actor, IProgress<StepResult>? progress = null, CancellationToken ct = default)
    {
        Bot? bot;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == botId && b.State != BotState.MarkedForDeletion, ct);
        if (bot is null || await cache.FindByIdAsync(botId, ct) is not { } snapshot)
            return null;

        var adapter = adapters.TryGet(bot.Messenger, out var found) ? found : null;
        var steps = new List<StepResult>();
        async Task Step(DiagnosticStep step, Func<Task<StepResult>> run)
        {
            StepResult result;
            try
            {
                result = await run();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken check must not hide the others' answers.
                result = StepResult.Fail(step, DiagnosticProblems.CheckFailed, new DiagnosticFact("CheckFailed", e.Message));
            }
            steps.Add(result);
            progress?.Report(result);
        }
        await Step(DiagnosticStep.Installation, () => installation.RunAsync(ct));
        await Step(DiagnosticStep.License, () => license.RunAsync(bot, ct));
        await Step(DiagnosticStep.LocalPublication, () => publication.RunAsync(bot, ct));
        await Step(DiagnosticStep.OutsideReach, () => reachability.RunAsync(bot, ct));
        await Step(DiagnosticStep.Certificate, () => certificate.RunAsync(bot, ct));
        await Step(DiagnosticStep.MessengerView, () => messengerView.RunAsync(bot, adapter, snapshot.Credentials, ct));

        var report = await SaveAsync(bot, actor, steps, ct);
        await LogAsync(bot, report, actor, ct);
        await signal.PublishAsync(bot.Id);
        return report;
    }

    public async Task<DiagnosticReport?> LastAsync(long botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.DiagnosticRuns.AsNoTracking().Where(r => r.BotId == botId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return run is null ? null : ToReport(run);
    }

    /// <summary>Each bot's last run: when and how it ended (the dashboard tiles).</summary>
    public async Task<Dictionary<long, (DateTimeOffset At, StepOutcome Outcome)>> LastOutcomesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lastIds = db.DiagnosticRuns.GroupBy(r => r.BotId).Select(g => g.Max(r => r.Id));
        var runs = await db.DiagnosticRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id))
            .Select(r => new { r.BotId, r.At, r.Outcome }).ToListAsync(ct);
        return runs.ToDictionary(r => r.BotId, r => (r.At, r.Outcome));
    }

    private async Task<DiagnosticReport> SaveAsync(Bot bot, string? actor, List<StepResult> steps, CancellationToken ct)
    {
        var report = new DiagnosticReport(0, bot.Id, clock.GetUtcNow(), actor, steps);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new DiagnosticRun { BotId = bot.Id, At = report.At, Actor = actor, Outcome = report.Outcome, StepsJson = JsonSerializer.Serialize(steps, Json) };
        db.DiagnosticRuns.Add(run);
        await db.SaveChangesAsync(ct);
        var old = db.DiagnosticRuns.Where(r => r.BotId == bot.Id).OrderByDescending(r => r.Id).Skip(RunsKeptPerBot).Select(r => r.Id);
        await db.DiagnosticRuns.Where(r => old.Contains(r.Id)).ExecuteDeleteAsync(ct);
        return report with { Id = run.Id };
    }

    private Task LogAsync(Bot bot, DiagnosticReport report, string? actor, CancellationToken ct)
    {
        var level = report.Outcome switch
        {
            StepOutcome.Fail => EventLevel.Error,
            StepOutcome.Warn => EventLevel.Warning,
            _ => EventLevel.Information,
        };
        return journal.WriteAsync(level, EventSources.Diagnostics, DiagnosticsEvents.Finished(report.Steps), bot.Name, actor, ct, EventLinks.Bot(bot.Id));
    }

    private static DiagnosticReport ToReport(DiagnosticRun run) =>
        new(run.Id, run.BotId, run.At, run.Actor, JsonSerializer.Deserialize<List<StepResult>>(run.StepsJson, Json) ?? []);
}
