using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios.Exchange;

public sealed record ScenarioExportResult(ScenarioExchangeFile File, IReadOnlyList<long> MissingIds)
{
    public bool Complete => MissingIds.Count == 0;
}

/// <summary>Writes stored scenarios into an exchange file, definitions exactly as stored (drafts too: the importing
/// side checks them). Their ids, states and bots stay behind: they mean nothing in another installation.</summary>
public class ScenarioExport(IDbContextFactory<Bots1CDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ScenarioExportResult> ExportAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = ids.Distinct().ToList();
        var rows = await db.Scenarios.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var file = new ScenarioExchangeFile
        {
            ExportedAt = clock.GetUtcNow(),
            // In the order asked for, so a file made from a selection reads the way it was picked.
            Scenarios = wanted.Where(byId.ContainsKey).Select(id => ScenarioJson.Deserialize(byId[id].DefinitionJson)).ToList(),
        };
        return new ScenarioExportResult(file, wanted.Where(id => !byId.ContainsKey(id)).ToList());
    }

    /// <summary><c>scenarios-2025-03-14.json</c>, dated in UTC like every timestamp the app keeps.</summary>
    public string FileName() => $"scenarios-{clock.GetUtcNow():yyyy-MM-dd}.json";
}
