using System.Globalization;
using Bots1C.Domain.Data;
using Bots1C.Domain.Scenarios.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Scenarios.Templates;

/// <summary>A scenario shipped with the app. <see cref="Needs"/>: the keys of the templates its Go-to steps lead to.</summary>
public sealed record ScenarioTemplate(string Id, string Language, ScenarioDefinition Definition, IReadOnlyList<string> Needs)
{
    public string Key => Definition.Key;
    public string Name => Definition.Name;
    public string? Description => Definition.Description;
}

/// <summary>
/// The ready-made scenarios (main menu, not matched, greeting and phone, call an operator, FAQ), embedded as
/// exchange files in Russian and English with the same fixed keys; the reader's UI language picks the set
/// (Russian for <c>ru</c>, English otherwise). They are imported through <see cref="ScenarioImport"/> like any
/// file, so the same checks apply; a template whose Go-to targets are not stored yet brings those templates along.
/// Importing a template again is a no-op while the stored copy is unchanged (same key, same definition); once
/// someone has edited it, it is a clash the caller settles (replace, copy or skip).
/// </summary>
public class ScenarioTemplates(ScenarioImport import, IDbContextFactory<Bots1CDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    private readonly Lazy<IReadOnlyList<ScenarioTemplate>> _all = new(() => Load(import));

    public static string LanguageOf(CultureInfo? culture) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "ru" ? "ru" : "en";

    /// <summary>The templates in the reader's language, in the order people meet them.</summary>
    public IReadOnlyList<ScenarioTemplate> List(CultureInfo? culture = null) =>
        _all.Value.Where(t => t.Language == LanguageOf(culture)).ToList();

    /// <summary>Each template in both languages as one scenario (<see cref="BilingualScenario"/>), named in the reader's
    /// language: what a bot gets as its starter set, since its visitors speak either.</summary>
    public IReadOnlyList<ScenarioDefinition> Bilingual(CultureInfo? culture = null)
    {
        var english = _all.Value.Where(t => t.Language == "en").ToDictionary(t => t.Id);
        return _all.Value.Where(t => t.Language == "ru" && english.ContainsKey(t.Id))
            .Select(t => BilingualScenario.Combine(t.Definition, english[t.Id].Definition, LanguageOf(culture))).ToList();
    }

    /// <summary>Every template of every language (the tests check them all).</summary>
    public IReadOnlyList<ScenarioTemplate> All => _all.Value;

    public async Task<ScenarioImportResult> PreviewAsync(IEnumerable<string> ids, ScenarioImportOptions options,
        CultureInfo? culture = null, CancellationToken ct = default) =>
        await import.PreviewAsync(await FileForAsync(ids, culture, ct), options, ct);

    public async Task<ScenarioImportResult> ImportAsync(IEnumerable<string> ids, ScenarioImportOptions options, string actor,
        CultureInfo? culture = null, CancellationToken ct = default) =>
        await import.ImportAsync(await FileForAsync(ids, culture, ct), options, actor, ct);

    /// <summary>The chosen templates plus the ones they lead to that no stored scenario stands for yet.</summary>
    public async Task<ScenarioExchangeFile> FileForAsync(IEnumerable<string> ids, CultureInfo? culture = null, CancellationToken ct = default)
    {
        var templates = List(culture);
        var byKey = templates.ToDictionary(t => t.Key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = (await db.Scenarios.Select(s => s.Key).ToListAsync(ct)).ToHashSet();

        var chosen = templates.Where(t => ids.Contains(t.Id)).ToList();
        var queue = new Queue<ScenarioTemplate>(chosen);
        while (queue.TryDequeue(out var template))
            foreach (var key in template.Needs)
                if (!stored.Contains(key) && byKey.TryGetValue(key, out var needed) && !chosen.Contains(needed))
                {
                    chosen.Add(needed);
                    queue.Enqueue(needed);
                }
        return new ScenarioExchangeFile { Scenarios = chosen.Select(t => ScenarioJson.Clone(t.Definition)).ToList() };
    }

    private static IReadOnlyList<ScenarioTemplate> Load(ScenarioImport import)
    {
        var assembly = typeof(ScenarioTemplates).Assembly;
        var order = new[] { "main-menu", "not-matched", "share-phone", "call-operator", "faq", "latest-invoice" };
        var templates = new List<ScenarioTemplate>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ScenarioTemplates/", StringComparison.Ordinal)))
        {
            // ScenarioTemplates/ru/main-menu.json
            var parts = resource.Replace('\\', '/').Split('/');
            var (language, id) = (parts[1], Path.GetFileNameWithoutExtension(parts[2]));
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var (file, problem) = import.Parse(reader.ReadToEnd());
            if (file is null || file.Scenarios.Count != 1)
                throw new InvalidOperationException($"The shipped template {resource} cannot be read: {problem?.Message ?? "it must hold one scenario"}");
            var definition = file.Scenarios[0];
            var needs = definition.Steps.Where(s => s.Kind == StepKind.GoToScenario && s.TargetScenario is not null)
                .Select(s => s.TargetScenario!).Distinct().ToList();
            templates.Add(new ScenarioTemplate(id, language, definition, needs));
        }
        return templates.OrderBy(t => Array.IndexOf(order, t.Id) is var i and >= 0 ? i : order.Length).ThenBy(t => t.Id).ToList();
    }
}
