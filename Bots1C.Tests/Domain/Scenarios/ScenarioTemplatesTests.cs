using System.Globalization;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Domain.Scenarios.Templates;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Scenarios;

public class ScenarioTemplatesTests : IDisposable
{
    private static readonly CultureInfo Russian = new("ru-RU");
    private static readonly CultureInfo English = new("en-US");
    private readonly Bots1CAppFactory _app = new();
    private ScenarioTemplates Templates => _app.Services.GetRequiredService<ScenarioTemplates>();

    public void Dispose() => _app.Dispose();

    public static IEnumerable<object[]> Languages() => ScenarioTemplates.Languages.Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Languages))]
    public void Each_language_ships_the_six_templates_with_the_same_keys(string language)
    {
        var templates = Templates.List(new CultureInfo(language));
        Assert.Equal(["main-menu", "not-matched", "share-phone", "call-operator", "faq", "latest-invoice"], templates.Select(t => t.Id));
        Assert.Equal(["tpl-main-menu", "tpl-not-matched", "tpl-share-phone", "tpl-call-operator", "tpl-faq", "tpl-latest-invoice"], templates.Select(t => t.Key));
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public void Every_template_passes_the_checker_with_no_problems()
    {
        var checker = _app.Services.GetRequiredService<ScenarioChecker>();
        var keys = Templates.All.Select(t => t.Key).ToHashSet();
        Assert.Equal(12, Templates.All.Count);
        foreach (var template in Templates.All)
            Assert.True(checker.Check(template.Definition, keys) is [],
                $"{template.Language}/{template.Id}: " + string.Join("; ", checker.Check(template.Definition, keys).Select(p => $"{p.Place} {p.Message}")));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_bilingual_starter_set_passes_the_checker_and_branches_on_the_reply_language(string reader)
    {
        var checker = _app.Services.GetRequiredService<ScenarioChecker>();
        var set = Templates.Bilingual(new CultureInfo(reader));
        var keys = set.Select(d => d.Key).ToHashSet();

        Assert.Equal(Templates.List(Russian).Select(t => t.Key), set.Select(d => d.Key));
        foreach (var scenario in set)
        {
            Assert.True(checker.Check(scenario, keys) is [], $"{reader}/{scenario.Key}: "
                + string.Join("; ", checker.Check(scenario, keys).Select(p => $"{p.Place} {p.Message}")));
            var language = scenario.FindStep(BilingualScenario.ConditionStepId)!;
            Assert.Equal(("contact.replyLanguage", ConditionOperator.Equals, "en"), (language.Left, language.Operator, language.Right));
            Assert.Equal(BilingualScenario.ConditionStepId, scenario.Next(scenario.StartStep!.Id, StepOutcomes.Next));
        }
        Assert.Equal(reader == "ru" ? "Главное меню (RU/EN)" : "Main menu (RU/EN)", set[0].Name);
    }

    [Fact]
    public void The_bilingual_set_starts_on_the_triggers_of_both_languages()
    {
        var faq = Templates.Bilingual(English).Single(d => d.Key == "tpl-faq");

        Assert.Equal(["/faq", "faq", "частые вопросы"], faq.Triggers.Select(t => t.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_latest_invoice_template_hands_a_typed_phone_to_an_operator_before_looking_up_documents(string language)
    {
        var invoice = Templates.List(new CultureInfo(language)).Single(t => t.Id == "latest-invoice").Definition;

        var first = invoice.FindStep(invoice.Next(invoice.StartStep!.Id, StepOutcomes.Next))!;
        Assert.Equal((StepKind.Condition, "contact.phoneTyped", "true"), (first.Kind, first.Left, first.Right));
        Assert.Equal(StepKind.HandOver, invoice.FindStep(invoice.Next(first.Id, StepOutcomes.True))!.Kind);
        Assert.Equal(StepKind.CallMethod, invoice.FindStep(invoice.Next(first.Id, StepOutcomes.False))!.Kind);
    }

    [Fact]
    public void The_ui_language_picks_the_set_russian_for_ru_english_otherwise()
    {
        Assert.Equal("Главное меню", Templates.List(Russian)[0].Name);
        Assert.Equal("Main menu", Templates.List(English)[0].Name);
        Assert.Equal("Main menu", Templates.List(new CultureInfo("de-DE"))[0].Name);
    }

    [Fact]
    public void The_templates_use_what_the_issue_asks_for()
    {
        var byId = Templates.List(Russian).ToDictionary(t => t.Id, t => t.Definition);
        Assert.Equal(3, byId["main-menu"].Steps.Single(s => s.Kind == StepKind.Message).Buttons.Count);
        Assert.Contains(byId["share-phone"].Steps, s => s.Kind == StepKind.RequestPhone);
        Assert.Contains(byId["call-operator"].Steps, s => s.Kind == StepKind.HandOver && !string.IsNullOrWhiteSpace(s.Text));
        Assert.All(byId["faq"].Steps.Where(s => s.Kind == StepKind.End), s => Assert.True(s.ShowMainMenu));
        Assert.Contains(byId["not-matched"].Steps, s => s.Kind == StepKind.End && s.ShowMainMenu);
        Assert.Contains(byId["latest-invoice"].Steps, s => s.Kind == StepKind.CallMethod && s.Method == "LatestInvoice");
        Assert.Contains(byId["latest-invoice"].Steps, s => s.Kind == StepKind.SendFile && s.PrintDocument == "{{vars.invoiceId}}");
    }

    [Fact]
    public async Task Importing_the_main_menu_brings_the_templates_it_leads_to()
    {
        var result = await Templates.ImportAsync(["main-menu"], ScenarioImportOptions.AskOnClash, "anna", Russian);

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => $"{p.Place} {p.Message}")));
        Assert.Equal(["Главное меню", "Частые вопросы", "Приветствие и телефон", "Позвать оператора"], result.Scenarios.Select(s => s.Name));
        var stored = await _app.Services.GetRequiredService<ScenarioCatalog>().ListAsync();
        Assert.All(stored, s => Assert.False(s.IsDraft));
    }

    [Fact]
    public async Task Importing_templates_twice_does_not_duplicate()
    {
        var all = Templates.List(Russian).Select(t => t.Id).ToList();
        var first = await Templates.ImportAsync(all, ScenarioImportOptions.AskOnClash, "anna", Russian);
        Assert.True(first.Written);

        var second = await Templates.ImportAsync(all, ScenarioImportOptions.AskOnClash, "anna", Russian);

        Assert.True(second.Written);
        Assert.All(second.Scenarios, s => Assert.Equal(ImportOutcome.Unchanged, s.Outcome));
        await using var db = await _app.Db();
        Assert.Equal(6, await db.Scenarios.CountAsync());
    }

    [Fact]
    public async Task An_edited_template_is_a_clash_to_settle_not_a_silent_overwrite()
    {
        await Templates.ImportAsync(["call-operator"], ScenarioImportOptions.AskOnClash, "anna", Russian);
        var catalog = _app.Services.GetRequiredService<ScenarioCatalog>();
        var stored = (await catalog.ListAsync()).Single();
        var edited = (await catalog.GetAsync(stored.Id))!.Definition;
        edited.Steps[1].Text = "Свой текст";
        await catalog.SaveAsync(stored.Id, edited, "anna");

        var again = await Templates.PreviewAsync(["call-operator"], ScenarioImportOptions.AskOnClash, Russian);
        Assert.Equal("tpl-call-operator", Assert.Single(again.UnresolvedClashes).Key);

        var replaced = await Templates.ImportAsync(["call-operator"], new ScenarioImportOptions(ClashChoice.Replace), "anna", Russian);
        Assert.Equal((ImportOutcome.Replaced, stored.Id), (replaced.Scenarios[0].Outcome, replaced.Scenarios[0].Id));
        Assert.NotEqual("Свой текст", (await catalog.GetAsync(stored.Id))!.Definition.Steps[1].Text);
    }

    [Fact]
    public async Task The_english_set_after_the_russian_one_is_a_clash_by_key()
    {
        await Templates.ImportAsync(["faq"], ScenarioImportOptions.AskOnClash, "anna", Russian);
        var preview = await Templates.PreviewAsync(["faq"], ScenarioImportOptions.AskOnClash, English);
        Assert.Equal("tpl-faq", Assert.Single(preview.UnresolvedClashes).Key);
    }
}
