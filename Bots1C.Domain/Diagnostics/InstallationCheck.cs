using Bots1C.Domain.Dashboard;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Diagnostics;

/// <summary>Step 1. The original checked that the add-on was installed unchanged; here: versions and pending migrations.</summary>
public sealed class InstallationCheck(IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public async Task<StepResult> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        var versions = new[] { new DiagnosticFact("AppVersion", AppVersion.Current), new DiagnosticFact("SchemaVersion", applied.LastOrDefault() ?? "—") };
        return pending.Count == 0
            ? StepResult.Pass(DiagnosticStep.Installation, [.. versions, new DiagnosticFact("NoPendingMigrations")])
            : StepResult.Fail(DiagnosticStep.Installation, DiagnosticProblems.PendingMigrations, [.. versions, new DiagnosticFact("PendingMigrations", string.Join(", ", pending))]);
    }
}
