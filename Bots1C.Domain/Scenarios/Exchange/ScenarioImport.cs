using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Bots1C.Domain.Data;
using Bots1C.Domain.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios.Exchange;

/// <summary>
/// Reads an exchange file and stores its scenarios, all or nothing. Everything is checked before anything is
/// written: the file's shape, every scenario with <see cref="ScenarioChecker"/> (Go-to steps may name scenarios of
/// the same file or stored ones), the files steps send, and clashes with stored scenarios' keys and names, which
/// the caller settles per scenario (<see cref="ClashChoice"/>). A scenario with problems is not imported as a
/// draft: the whole import is refused with each problem and its place, so a half-working set never reaches bots.
/// </summary>
public class ScenarioImport(
    IDbContextFactory<Bots1CDbContext> dbFactory,
    ScenarioChecker checker,
    ScenarioFormatMigrations migrations,
    ScenarioCache cache,
    EventJournal journal,
    TimeProvider clock)
{
    /// <summary>Far above any real set of scenarios; keeps a stray huge upload from being parsed at all.</summary>
    public const int MaxFileChars = 10 * 1024 * 1024;
    public const int MaxScenarios = 500;

    /// <summary>Unknown fields are refused, not dropped: a typo or a field of a newer app would otherwise vanish silently.</summary>
    private static readonly JsonSerializerOptions ReadOptions = new(ScenarioJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the text of a file into the current format, or the one problem that stops it from being read.</summary>
    public (ScenarioExchangeFile? File, ScenarioImportProblem? Problem) Parse(string json)
    {
        if (json.Length > MaxFileChars)
            return (null, ScenarioImportProblem.OfFile("FileTooLarge", $"The file is larger than {MaxFileChars / 1024 / 1024} MB.", "file"));
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            return (null, JsonProblem(e, "The file is not valid JSON."));
        }
        if (root is not JsonObject file || file["format"] is not JsonValue format
            || !format.TryGetValue<string>(out var name) || name != ScenarioExchangeFile.FormatName)
            return (null, ScenarioImportProblem.OfFile("FormatUnknown",
                $"This is not a Bots1C scenario file: it must start with \"format\": \"{ScenarioExchangeFile.FormatName}\".", "format"));
        var versionBefore = file["version"]?.ToJsonString();
        if (migrations.Upgrade(file) is { } problem)
            return (null, problem);
        try
        {
            // An upgraded file is read from its upgraded tree; a current one from the text, so errors keep their line.
            var read = versionBefore == file["version"]?.ToJsonString()
                ? JsonSerializer.Deserialize<ScenarioExchangeFile>(json, ReadOptions)
                : file.Deserialize<ScenarioExchangeFile>(ReadOptions);
            return (read, null);
        }
        catch (JsonException e)
        {
            return (null, JsonProblem(e, "A value in the file has the wrong type or an unknown name."));
        }
    }

    /// <summary>Everything <see cref="ImportAsync(string, ScenarioImportOptions, string, CancellationToken)"/> would do, without writing.</summary>
    public Task<ScenarioImportResult> PreviewAsync(string json, ScenarioImportOptions options, CancellationToken ct = default)
    {
        var (file, problem) = Parse(json);
        return file is null ? Task.FromResult(ScenarioImportResult.Refused(problem!)) : RunAsync(file, options, actor: null, ct);
    }

    public Task<ScenarioImportResult> PreviewAsync(ScenarioExchangeFile file, ScenarioImportOptions options, CancellationToken ct = default) =>
        RunAsync(file, options, actor: null, ct);

    public async Task<ScenarioImportResult> ImportAsync(string json, ScenarioImportOptions options, string actor, CancellationToken ct = default)
    {
        var (file, problem) = Parse(json);
        if (file is null)
        {
            await journal.WarningAsync(EventSources.Scenarios, ScenarioEvents.ScenarioImportUnreadable(problem!.Code, problem.Message), null, actor);
            return ScenarioImportResult.Refused(problem!);
        }
        return await RunAsync(file, options, actor, ct);
    }

    public Task<ScenarioImportResult> ImportAsync(ScenarioExchangeFile file, ScenarioImportOptions options, string actor, CancellationToken ct = default) =>
        RunAsync(file, options, actor, ct);

    /// <summary>What one scenario of the file becomes.</summary>
    private sealed class Plan(int index, ScenarioDefinition definition)
    {
        public int Index { get; } = index;
        public ScenarioDefinition Definition { get; } = definition;
        public string FileKey { get; } = definition.Key;
        public ScenarioClash? Clash { get; set; }
        public ImportOutcome? Outcome { get; set; }
        /// <summary>The stored row it keeps, replaces or leaves in place.</summary>
        public long? StoredId { get; set; }
    }

    private sealed record StoredRow(long Id, string Key, string Name);

    /// <param name="actor">Null for a preview: nothing is written and nothing journaled.</param>
    private async Task<ScenarioImportResult> RunAsync(ScenarioExchangeFile file, ScenarioImportOptions options, string? actor, CancellationToken ct)
    {
        var problems = new List<ScenarioImportProblem>();
        var definitions = file.Scenarios ?? [];
        if (definitions.Count == 0)
            problems.Add(ScenarioImportProblem.OfFile("NoScenarios", "The file holds no scenarios.", "scenarios"));
        if (definitions.Count > MaxScenarios)
            return await RefuseAsync(new ScenarioImportResult([],
                [ScenarioImportProblem.OfFile("TooManyScenarios", $"A file holds at most {MaxScenarios} scenarios.", "scenarios")], [], false), actor);

        // Work on copies: the caller's file (a template, say) must not change, and remapping keys edits definitions.
        var plans = new List<Plan>();
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is null)
            {
                problems.Add(new("ScenarioEmpty", "The scenario is empty (null).", $"scenarios[{i}]"));
                continue;
            }
            var definition = ScenarioJson.Clone(definitions[i]);
            definition.Name = definition.Name?.Trim() ?? "";
            definition.Key = definition.Key?.Trim() ?? "";
            foreach (var place in ScenarioNulls.Fill(definition))
                problems.Add(new("ItemEmpty", "This entry is empty (null).", $"scenarios[{i}].{place}", definition.Name));
            plans.Add(new Plan(i, definition));
        }
        foreach (var twin in plans.Where(p => p.FileKey.Length > 0).GroupBy(p => p.FileKey).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            problems.Add(new("KeyDuplicate", "Another scenario of the file has the same key.", $"scenarios[{twin.Index}].Key", twin.Definition.Name));
        foreach (var twin in plans.Where(p => p.Definition.Name.Length > 0).GroupBy(p => p.Definition.Name).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            problems.Add(new("NameDuplicate", "Another scenario of the file has the same name.", $"scenarios[{twin.Index}].Name", twin.Definition.Name));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Scenarios.AsNoTracking().Select(s => new StoredRow(s.Id, s.Key, s.Name)).ToListAsync(ct);
        var storedByKey = stored.ToDictionary(s => s.Key);
        var storedByName = stored.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        var sameKeyIds = plans.Select(p => storedByKey.GetValueOrDefault(p.FileKey)?.Id).OfType<long>().ToList();
        var storedJson = await db.Scenarios.AsNoTracking().Where(s => sameKeyIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DefinitionJson, ct);

        // Clashes: same key or same name as a stored scenario — unless it is exactly the stored one (re-importing is a no-op).
        foreach (var plan in plans)
        {
            var sameKey = storedByKey.GetValueOrDefault(plan.FileKey);
            var sameName = storedByName.GetValueOrDefault(plan.Definition.Name);
            if (sameKey is not null && IsSame(storedJson[sameKey.Id], plan.Definition))
            {
                (plan.Outcome, plan.StoredId) = (ImportOutcome.Unchanged, sameKey.Id);
                continue;
            }
            if (sameKey is null && sameName is null)
            {
                plan.Outcome = ImportOutcome.Created;
                continue;
            }
            plan.Clash = new ScenarioClash(plan.Index, plan.FileKey, plan.Definition.Name, sameKey?.Id, sameKey?.Name, sameName?.Id,
                options.ChoiceFor(plan.FileKey));
        }

        // Settle each clash as chosen; remember which keys of the file now mean another key.
        var keyMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var replaced = new HashSet<long>();
        foreach (var plan in plans.Where(p => p.Clash is { Choice: not null }))
        {
            var clash = plan.Clash!;
            switch (clash.Choice)
            {
                case ClashChoice.Skip:
                    (plan.Outcome, plan.StoredId) = (ImportOutcome.Skipped, clash.SameKeyId);
                    break;
                case ClashChoice.Replace when !clash.CanReplace:
                    problems.Add(new("ReplaceAmbiguous",
                        $"Its key belongs to '{clash.SameKeyName}' and its name to another stored scenario: replacing one would clash with the other. Import it as a copy instead.",
                        $"scenarios[{plan.Index}]", plan.Definition.Name));
                    break;
                case ClashChoice.Replace when !replaced.Add(clash.ReplaceTargetId):
                    problems.Add(new("ReplaceTwice", "Two scenarios of the file would replace the same stored scenario.",
                        $"scenarios[{plan.Index}]", plan.Definition.Name));
                    break;
                case ClashChoice.Replace:
                    // The stored row keeps its id and key: bots and stored Go-to steps go on pointing at it.
                    var target = stored.First(s => s.Id == clash.ReplaceTargetId);
                    (plan.Outcome, plan.StoredId) = (ImportOutcome.Replaced, target.Id);
                    if (target.Key != plan.FileKey)
                        keyMap[plan.FileKey] = target.Key;
                    plan.Definition.Key = target.Key;
                    break;
                case ClashChoice.Rename:
                    plan.Outcome = ImportOutcome.Renamed;
                    plan.Definition.Key = ScenarioDefinition.NewKey();
                    keyMap[plan.FileKey] = plan.Definition.Key;
                    break;
            }
        }
        // Copies get free names only now, so they avoid every name the other imported scenarios end up with.
        var taken = stored.Select(s => s.Name).Concat(plans.Where(p => p.Outcome is not ImportOutcome.Renamed).Select(p => p.Definition.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in plans.Where(p => p.Outcome == ImportOutcome.Renamed))
            taken.Add(plan.Definition.Name = FreeName(plan.Definition.Name, taken));

        // Go-to steps of the file follow the scenarios they named to their new keys.
        var imported = plans.Where(p => p.Outcome is not (ImportOutcome.Skipped or ImportOutcome.Unchanged)).ToList();
        foreach (var step in imported.SelectMany(p => p.Definition.Steps).Where(s => s.Kind == StepKind.GoToScenario))
            if (step.TargetScenario is { } target && keyMap.TryGetValue(target, out var mapped))
                step.TargetScenario = mapped;

        // A Go-to may lead to a stored scenario or to any scenario this import brings in.
        var keys = stored.Select(s => s.Key).Concat(imported.Select(p => p.Definition.Key)).ToHashSet(StringComparer.Ordinal);
        foreach (var plan in imported)
            problems.AddRange(checker.Check(plan.Definition, keys).Select(p =>
                new ScenarioImportProblem(p.Code, p.Message, $"scenarios[{plan.Index}].{p.Place}", plan.Definition.Name, p.StepId)));
        problems.AddRange(await MissingFilesAsync(db, imported, ct));

        var clashes = plans.Where(p => p.Clash is not null).Select(p => p.Clash!).ToList();
        ScenarioImportResult Result(bool written) => new(
            plans.Select(p => new ImportedScenario(p.Index, p.Definition.Name, p.Definition.Key, p.Outcome, p.StoredId)).ToList(),
            problems.OrderBy(p => p.Place, PlaceOrder.Instance).ToList(), clashes, written);

        var result = Result(written: false);
        if (actor is null || !result.Ready)
            return await RefuseAsync(result, actor);

        var now = clock.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var rows = new Dictionary<Plan, Scenario>();
            foreach (var plan in imported)
            {
                var row = plan.Outcome == ImportOutcome.Replaced
                    ? await db.Scenarios.FirstAsync(s => s.Id == plan.StoredId, ct)
                    : db.Scenarios.Add(new Scenario { CreatedAt = now, IsEnabled = true }).Entity;
                row.Key = plan.Definition.Key;
                row.Name = plan.Definition.Name;
                row.Description = string.IsNullOrWhiteSpace(plan.Definition.Description) ? null : plan.Definition.Description.Trim();
                row.IsDraft = false;
                row.StepCount = plan.Definition.Steps.Count;
                row.DefinitionJson = ScenarioJson.Serialize(plan.Definition);
                row.UpdatedAt = now;
                row.UpdatedBy = actor;
                rows[plan] = row;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone saved a scenario with one of these names or keys between our check and this write.
                return await RefuseAsync(result with
                {
                    Problems = [ScenarioImportProblem.OfFile("StoredChanged", "Scenarios were changed while importing. Try again.", "scenarios")],
                }, actor);
            }
            await tx.CommitAsync(ct);
            foreach (var (plan, row) in rows)
                plan.StoredId = row.Id;
        }
        cache.Invalidate();
        foreach (var plan in imported)
            await journal.InfoAsync(EventSources.Scenarios, ScenarioEvents.ScenarioImported(plan.Outcome, plan.Clash?.Name), plan.Definition.Name, actor);
        return Result(written: true);
    }

    private async Task<ScenarioImportResult> RefuseAsync(ScenarioImportResult result, string? actor)
    {
        if (actor is not null)
            await journal.WarningAsync(EventSources.Scenarios,
                ScenarioEvents.ScenarioImportRefused(result.Problems.Count, result.UnresolvedClashes.Count), null, actor);
        return result;
    }

    /// <summary>Files travel separately from scenarios: a step may only send a file this installation has.</summary>
    private static async Task<IEnumerable<ScenarioImportProblem>> MissingFilesAsync(Bots1CDbContext db, IReadOnlyList<Plan> plans, CancellationToken ct)
    {
        var wanted = plans.SelectMany(p => p.Definition.Steps).Select(s => s.FileId).OfType<long>().Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        // Ids are local to each database, and the same table holds documents 1C sent to single customers: a file
        // counts as present only when the id AND the name match, or a scenario could send someone else's invoice.
        var present = (await db.Files.Where(f => wanted.Contains(f.Id)).Select(f => new { f.Id, f.FileName }).ToListAsync(ct))
            .ToDictionary(f => f.Id, f => f.FileName);
        return plans.SelectMany(p => p.Definition.Steps.Select((step, i) => (p, step, i)))
            .Where(x => x.step.FileId is { } id && (!present.TryGetValue(id, out var name) || name != x.step.FileName))
            .Select(x => new ScenarioImportProblem("FileMissing",
                $"The step sends file {x.step.FileId} ({x.step.FileName}), which this installation does not have: files are not part of the export. Upload it and choose it in the editor.",
                $"scenarios[{x.p.Index}].Steps[{x.i}].FileId", x.p.Definition.Name, x.step.Id));
    }

    /// <summary>Same rule as <see cref="ScenarioCatalog.FreeNameAsync"/> ("Name (2)", …), but also avoiding the names
    /// of the other scenarios being imported, which the catalog cannot know yet.</summary>
    private static string FreeName(string name, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(name))
            return name;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{name} ({n})"))
                return $"{name} ({n})";
    }

    private static bool IsSame(string storedJson, ScenarioDefinition imported)
    {
        try
        {
            return ScenarioJson.Serialize(ScenarioJson.Deserialize(storedJson)) == ScenarioJson.Serialize(imported);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ScenarioImportProblem JsonProblem(JsonException e, string message)
    {
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.TrimStart('$', '.');
        var where = e.LineNumber is { } line
            ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" + (path is null ? "" : $" ({path})")
            : path ?? "file";
        var detail = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return ScenarioImportProblem.OfFile("JsonInvalid", $"{message} {detail}", where);
    }

    /// <summary>Problems in file order: scenarios[2] before scenarios[10], Steps[9] before Steps[10].</summary>
    private sealed class PlaceOrder : IComparer<string>
    {
        public static readonly PlaceOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Parts(x ?? "");
            var b = Parts(y ?? "");
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var c = a[i] is long m && b[i] is long n ? m.CompareTo(n) : string.CompareOrdinal(a[i].ToString(), b[i].ToString());
                if (c != 0)
                    return c;
            }
            return a.Count.CompareTo(b.Count);
        }

        private static List<object> Parts(string place) =>
            place.Split(['.', '[', ']'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => long.TryParse(p, out var n) ? (object)n : p).ToList();
    }
}
