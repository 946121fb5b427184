using System.Text.Json.Nodes;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Scenarios.Exchange;

public class ScenarioImportTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();
    private ScenarioImport Import => _app.Services.GetRequiredService<ScenarioImport>();
    private ScenarioExport Export => _app.Services.GetRequiredService<ScenarioExport>();
    private ScenarioCatalog Catalog => _app.Services.GetRequiredService<ScenarioCatalog>();

    public void Dispose() => _app.Dispose();

    private Task<ScenarioImportResult> ImportAsync(ScenarioExchangeFile file, ScenarioImportOptions? options = null) =>
        Import.ImportAsync(file.ToJson(), options ?? ScenarioImportOptions.AskOnClash, "anna@example.ru");

    private async Task<int> CountAsync()
    {
        await using var db = await _app.Db();
        return await db.Scenarios.CountAsync();
    }

    private static string Json(ScenarioDefinition definition) => ScenarioJson.Serialize(definition);

    [Fact]
    public async Task Export_then_import_into_another_installation_keeps_every_field()
    {
        var fileId = await _app.StoreFileAsync();
        var targetId = await _app.CreateScenarioAsync(ScenarioKit.Simple("Target", key: "target-key"));
        var everything = ScenarioKit.Everything(fileId, "target-key");
        var id = await _app.CreateScenarioAsync(everything);
        var exported = await Export.ExportAsync([id, targetId]);
        var text = exported.File.ToJson();

        using var other = new Bots1CAppFactory();
        var otherFileId = await other.StoreFileAsync(); // files travel separately; the same id exists there
        Assert.Equal(fileId, otherFileId);
        var result = await other.Services.GetRequiredService<ScenarioImport>().ImportAsync(text, ScenarioImportOptions.AskOnClash, "ivan");

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => $"{p.Place}: {p.Message}")));
        var reexported = await other.Services.GetRequiredService<ScenarioExport>().ExportAsync(result.Scenarios.Select(s => s.Id!.Value).ToList());
        Assert.Equal(Json(everything), Json(reexported.File.Scenarios[0]));
        Assert.Equal(exported.File.Scenarios.Select(Json), reexported.File.Scenarios.Select(Json));
        Assert.DoesNotContain("startStep", text);
    }

    [Fact]
    public async Task A_file_with_problems_imports_nothing_and_names_each_problem_with_its_place_and_scenario()
    {
        var good = ScenarioKit.Simple("Good");
        var bad = ScenarioKit.Simple("Bad");
        bad.Steps[1].Text = "Hi {{order}}";
        bad.Steps.Add(new Step { Id = "lost", Kind = StepKind.End });
        var missingTarget = ScenarioKit.GoingTo("Goes nowhere", "no-such-key");

        var result = await ImportAsync(ScenarioKit.FileOf(good, bad, missingTarget));

        Assert.False(result.Written);
        Assert.Equal(0, await CountAsync());
        Assert.Contains(result.Problems, p => p is { Code: "PlaceholderUnknown", Place: "scenarios[1].Steps[1].Text", ScenarioName: "Bad", StepId: "hi" });
        Assert.Contains(result.Problems, p => p is { Code: "StepUnreachable", Place: "scenarios[1].Steps[3]", ScenarioName: "Bad" });
        Assert.Contains(result.Problems, p => p is { Code: "TargetMissing", Place: "scenarios[2].Steps[1].TargetScenario", ScenarioName: "Goes nowhere" });
        Assert.DoesNotContain(result.Problems, p => p.ScenarioName == "Good");
        await using var db = await _app.Db();
        Assert.Contains(await db.Events.ToListAsync(), e => e.Code == "ScenarioImportRefused");
    }

    [Fact]
    public async Task Bad_json_is_one_problem_with_line_and_position()
    {
        var result = await Import.ImportAsync("{\n  \"format\": \"bots1c-scenarios\",\n  \"version\" 1\n}", ScenarioImportOptions.AskOnClash, "anna");

        var problem = Assert.Single(result.Problems);
        Assert.True(result.Unreadable);
        Assert.Equal("JsonInvalid", problem.Code);
        Assert.Equal("line 3, position 13", problem.Place);
    }

    [Fact]
    public async Task A_wrong_value_names_its_path_and_line()
    {
        var json = "{\"format\":\"bots1c-scenarios\",\"version\":1,\n\"scenarios\":[{\"name\":\"A\",\"steps\":[{\"id\":\"start\",\"kind\":\"Jump\"}]}]}";

        var problem = Assert.Single((await Import.PreviewAsync(json, ScenarioImportOptions.AskOnClash)).Problems);

        Assert.Equal("JsonInvalid", problem.Code);
        Assert.StartsWith("line 2", problem.Place);
        Assert.Contains("scenarios[0].steps[0].kind", problem.Place);
    }

    [Fact]
    public async Task An_unknown_field_is_refused_rather_than_dropped()
    {
        var json = """{"format":"bots1c-scenarios","version":1,"scenarios":[{"name":"A","stpes":[]}]}""";
        var problem = Assert.Single((await Import.PreviewAsync(json, ScenarioImportOptions.AskOnClash)).Problems);
        Assert.Contains("stpes", problem.Place);
    }

    [Theory]
    [InlineData("""{"format":"something-else","version":1,"scenarios":[]}""", "FormatUnknown")]
    [InlineData("""[1,2]""", "FormatUnknown")]
    [InlineData("""{"format":"bots1c-scenarios","scenarios":[]}""", "VersionMissing")]
    [InlineData("""{"format":"bots1c-scenarios","version":2,"scenarios":[]}""", "VersionTooNew")]
    [InlineData("""{"format":"bots1c-scenarios","version":0,"scenarios":[]}""", "VersionUnknown")]
    public async Task Another_format_or_an_unknown_version_is_refused_clearly(string json, string code)
    {
        var result = await Import.PreviewAsync(json, ScenarioImportOptions.AskOnClash);
        Assert.True(result.Unreadable);
        Assert.Equal(code, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_newer_version_names_both_versions_and_says_to_update()
    {
        var (_, problem) = Import.Parse("""{"format":"bots1c-scenarios","version":7,"scenarios":[]}""");
        Assert.Contains("version 7", problem!.Message);
        Assert.Contains("Update the app", problem.Message);
    }

    [Fact]
    public void Migrations_upgrade_an_older_file_one_version_at_a_time()
    {
        // The mechanism, with made-up steps: version 1 is the only one that exists so far.
        var migrations = new ScenarioFormatMigrations(
        [
            new FormatMigrationStep(1, f => f["scenarios"] = f["items"]!.DeepClone()),
            new FormatMigrationStep(2, f => f.Remove("items")),
        ], currentVersion: 3);
        var file = JsonNode.Parse("""{"format":"bots1c-scenarios","version":1,"items":[]}""")!.AsObject();

        Assert.Null(migrations.Upgrade(file));

        Assert.Equal("""{"format":"bots1c-scenarios","version":3,"scenarios":[]}""", file.ToJsonString());
    }

    [Fact]
    public async Task Nulls_where_lists_and_entries_belong_are_problems_not_crashes()
    {
        var json = """
            {"format":"bots1c-scenarios","version":1,"scenarios":[
              null,
              {"name":"A","steps":[{"id":"start","kind":"Start"},null,{"id":"m","kind":"Message","text":"x","buttons":[null]}],
               "transitions":[{"from":"start","outcome":"next","to":null}],"triggers":null}
            ]}
            """;

        var result = await Import.ImportAsync(json, ScenarioImportOptions.AskOnClash, "anna");

        Assert.False(result.Written);
        Assert.Contains(result.Problems, p => p is { Code: "ScenarioEmpty", Place: "scenarios[0]" });
        Assert.Contains(result.Problems, p => p is { Code: "ItemEmpty", Place: "scenarios[1].Steps[1]" });
        Assert.Contains(result.Problems, p => p is { Code: "ItemEmpty", Place: "scenarios[1].Steps[2].Buttons[0]" });
        Assert.Contains(result.Problems, p => p is { Code: "TransitionToMissing", Place: "scenarios[1].Transitions[0].To" });
    }

    [Fact]
    public async Task Go_to_may_name_a_scenario_of_the_same_file_or_a_stored_one()
    {
        await _app.CreateScenarioAsync(ScenarioKit.Simple("Stored", key: "stored-key"));

        var result = await ImportAsync(ScenarioKit.FileOf(
            ScenarioKit.GoingTo("To stored", "stored-key"),
            ScenarioKit.GoingTo("To sibling", "sibling-key"),
            ScenarioKit.Simple("Sibling", key: "sibling-key")));

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(4, await CountAsync());
        Assert.All(result.Scenarios, s => Assert.Equal(ImportOutcome.Created, s.Outcome));
    }

    [Fact]
    public async Task Duplicate_keys_or_names_inside_a_file_are_problems()
    {
        var result = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("A", key: "k"), ScenarioKit.Simple("B", key: "k"), ScenarioKit.Simple("A")));
        Assert.Contains(result.Problems, p => p is { Code: "KeyDuplicate", Place: "scenarios[1].Key" });
        Assert.Contains(result.Problems, p => p is { Code: "NameDuplicate", Place: "scenarios[2].Name" });
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_clash_without_a_choice_imports_nothing_and_is_reported()
    {
        await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));
        await _app.CreateScenarioAsync(ScenarioKit.Simple("FAQ"));

        var result = await ImportAsync(ScenarioKit.FileOf(
            ScenarioKit.Simple("Menu", key: "menu-key", text: "Changed"),
            ScenarioKit.Simple("FAQ", text: "Another FAQ"),
            ScenarioKit.Simple("New one")));

        Assert.False(result.Written);
        Assert.Empty(result.Problems);
        Assert.Equal(["Menu", "FAQ"], result.UnresolvedClashes.Select(c => c.Name));
        Assert.NotNull(result.UnresolvedClashes[0].SameKeyId);
        Assert.Null(result.UnresolvedClashes[1].SameKeyId);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Rename_imports_a_copy_with_a_free_name_and_new_key_and_remaps_go_to_steps()
    {
        var storedId = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));

        var result = await ImportAsync(ScenarioKit.FileOf(
                ScenarioKit.Simple("Menu", key: "menu-key", text: "Imported"),
                ScenarioKit.GoingTo("Opens menu", "menu-key")),
            new ScenarioImportOptions(ClashChoice.Rename));

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => p.Message)));
        var copy = result.Scenarios[0];
        Assert.Equal((ImportOutcome.Renamed, "Menu (2)"), (copy.Outcome, copy.Name));
        Assert.NotEqual("menu-key", copy.Key);
        Assert.NotEqual(storedId, copy.Id);
        var opener = (await Catalog.GetAsync(result.Scenarios[1].Id!.Value))!.Definition;
        Assert.Equal(copy.Key, opener.FindStep("go")!.TargetScenario);
        Assert.Equal("Hello", (await Catalog.GetAsync(storedId))!.Definition.Steps[1].Text);
    }

    [Fact]
    public async Task Replace_overwrites_the_stored_scenario_keeping_its_id_key_and_bots()
    {
        var storedId = await _app.CreateScenarioAsync(ScenarioKit.Simple("FAQ", key: "stored-faq"));
        await Catalog.SetEnabledAsync(storedId, false, "test");

        // Same name, another key: the stored key stays, and the file's Go-to follows it.
        var result = await ImportAsync(ScenarioKit.FileOf(
                ScenarioKit.Simple("FAQ", key: "file-faq", text: "New answers"),
                ScenarioKit.GoingTo("Opens FAQ", "file-faq")),
            new ScenarioImportOptions(Choices: new Dictionary<string, ClashChoice> { ["file-faq"] = ClashChoice.Replace }));

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal((ImportOutcome.Replaced, storedId), (result.Scenarios[0].Outcome, result.Scenarios[0].Id));
        var stored = (await Catalog.GetAsync(storedId))!;
        Assert.Equal(("stored-faq", "New answers", false), (stored.Definition.Key, stored.Definition.Steps[1].Text, stored.IsEnabled));
        Assert.Equal("stored-faq", (await Catalog.GetAsync(result.Scenarios[1].Id!.Value))!.Definition.FindStep("go")!.TargetScenario);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Replace_is_refused_when_key_and_name_belong_to_two_stored_scenarios()
    {
        await _app.CreateScenarioAsync(ScenarioKit.Simple("A", key: "a-key"));
        await _app.CreateScenarioAsync(ScenarioKit.Simple("B", key: "b-key"));

        var result = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("B", key: "a-key")), new ScenarioImportOptions(ClashChoice.Replace));

        Assert.Equal("ReplaceAmbiguous", Assert.Single(result.Problems).Code);
        Assert.False(result.Written);
    }

    [Fact]
    public async Task Skip_keeps_the_stored_scenario()
    {
        var storedId = await _app.CreateScenarioAsync(ScenarioKit.Simple("Menu", key: "menu-key"));

        var result = await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("Menu", key: "menu-key", text: "Other"), ScenarioKit.GoingTo("Opens menu", "menu-key")),
            new ScenarioImportOptions(ClashChoice.Skip));

        Assert.True(result.Written);
        Assert.Equal((ImportOutcome.Skipped, storedId), (result.Scenarios[0].Outcome, result.Scenarios[0].Id));
        Assert.Equal("Hello", (await Catalog.GetAsync(storedId))!.Definition.Steps[1].Text);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        var file = ScenarioKit.FileOf(ScenarioKit.Simple("A", key: "a"), ScenarioKit.GoingTo("B", "a", key: "b"));
        var first = await ImportAsync(file);

        var second = await ImportAsync(file);

        Assert.True(second.Written);
        Assert.Empty(second.Clashes);
        Assert.All(second.Scenarios, s => Assert.Equal(ImportOutcome.Unchanged, s.Outcome));
        Assert.Equal(first.Scenarios.Select(s => s.Id), second.Scenarios.Select(s => s.Id));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task A_step_sending_a_file_this_installation_lacks_is_a_problem()
    {
        var definition = ScenarioKit.Simple("With file");
        definition.Steps[1].FileId = 4242;
        definition.Steps[1].FileName = "price.pdf";

        var result = await ImportAsync(ScenarioKit.FileOf(definition));

        Assert.Contains(result.Problems, p => p is { Code: "FileMissing", Place: "scenarios[0].Steps[1].FileId" });
    }

    [Fact]
    public async Task A_file_id_that_names_another_file_here_is_a_problem_not_a_leak()
    {
        // Here id 1 is a customer's document sent through the API; in the exported base it was the price list.
        var invoiceId = await _app.Services.GetRequiredService<Bots1C.Domain.Files.FileStore>()
            .SaveAsync("invoice-ivanov.pdf", "application/pdf", [1, 2, 3]);
        var definition = ScenarioKit.Simple("With file");
        definition.Steps[1].FileId = invoiceId;
        definition.Steps[1].FileName = "price.pdf";

        var result = await ImportAsync(ScenarioKit.FileOf(definition));

        Assert.Contains(result.Problems, p => p is { Code: "FileMissing", Place: "scenarios[0].Steps[1].FileId" });
    }

    [Fact]
    public async Task A_successful_import_is_journaled()
    {
        await ImportAsync(ScenarioKit.FileOf(ScenarioKit.Simple("A", key: "a")));

        await using var db = await _app.Db();
        var entry = await db.Events.SingleAsync(e => e.Code == "ScenarioImported");
        Assert.Equal(("Scenarios", "A", "anna@example.ru"), (entry.Source, entry.Subject, entry.Actor));
    }

    [Fact]
    public async Task Export_lists_the_ids_it_did_not_find_and_names_the_file_by_date()
    {
        var id = await _app.CreateScenarioAsync(ScenarioKit.Simple("A"));

        var result = await Export.ExportAsync([id, 999]);

        Assert.Equal([999L], result.MissingIds);
        Assert.Single(result.File.Scenarios);
        Assert.Matches(@"^scenarios-\d{4}-\d{2}-\d{2}\.json$", Export.FileName());
        var parsed = JsonNode.Parse(result.File.ToJson())!;
        Assert.Equal(("bots1c-scenarios", 1), (parsed["format"]!.GetValue<string>(), parsed["version"]!.GetValue<int>()));
    }
}
