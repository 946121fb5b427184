using System.Text;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Scenarios.Exchange;

/// <summary>A list of questions and answers (CSV, Excel or JSON) becomes an FAQ scenario that imports and runs like
/// any other (docs/scenarios.md, "Questions and answers from a list").</summary>
public class FaqScenarioTests
{
    private static readonly FaqTexts Texts = new("Choose a question:", "Main menu", "Imported");

    private static (List<FaqEntry>? Entries, FaqProblem? Problem) Read(string text, string fileName) =>
        FaqScenario.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName);

    [Fact]
    public void A_semicolon_separated_sheet_with_Russian_headers_gives_a_question_per_row()
    {
        var (entries, problem) = Read("Вопрос;Ответ\nКак оплатить?;Картой или по счёту.\n\nГде вы находитесь?;\"Москва; Тверская, 1\"\n", "faq.csv");

        Assert.Null(problem);
        Assert.Equal([new FaqEntry("Как оплатить?", "Картой или по счёту."), new FaqEntry("Где вы находитесь?", "Москва; Тверская, 1")], entries);
    }

    [Fact]
    public void Without_the_two_headers_the_first_two_columns_are_read_from_the_first_line()
    {
        var (entries, _) = Read("How to pay?,By card\nWhere are you?,Moscow\n", "faq.csv");

        Assert.Equal(["How to pay?", "Where are you?"], entries!.Select(e => e.Question));
    }

    [Fact]
    public void A_json_list_of_questions_and_answers_is_read()
    {
        var (entries, problem) = Read("[{\"question\": \"How to pay?\", \"answer\": \"By card\"}]", "faq.json");

        Assert.Null(problem);
        Assert.Equal([new FaqEntry("How to pay?", "By card")], entries);
    }

    [Theory]
    [InlineData("Question;Answer\nHow to pay?;\n", "NoAnswer", 1)]
    [InlineData("Question;Answer\nA?;a\n;b\n", "NoQuestion", 2)]
    [InlineData("Question;Answer\nA?;a\na?;b\n", "SameQuestion", 2)]
    [InlineData("Question;Answer\n", "Empty", null)]
    public void A_list_that_cannot_make_a_menu_is_refused_with_the_row_at_fault(string csv, string code, int? row)
    {
        var (entries, problem) = Read(csv, "faq.csv");

        Assert.Null(entries);
        Assert.Equal(new FaqProblem(code, row, 0), problem);
    }

    [Fact]
    public void More_questions_than_one_menu_holds_are_refused()
    {
        var csv = "Question;Answer\n" + string.Concat(Enumerable.Range(1, FaqScenario.MaxQuestions + 1).Select(i => $"Q{i}?;A{i}\n"));

        Assert.Equal("TooMany", Read(csv, "faq.csv").Problem?.Code);
    }

    [Fact]
    public void A_scenario_exchange_file_is_not_taken_for_a_list()
    {
        Assert.False(FaqScenario.IsFaqFile("scenarios.json", "{\"format\": \"bots1c-scenarios\"}"u8));
        Assert.True(FaqScenario.IsFaqFile("faq.json", "\uFEFF  [{\"question\": 1}]"u8));
        Assert.True(FaqScenario.IsFaqFile("faq.xlsx", []));
    }

    [Fact]
    public async Task The_built_scenario_imports_without_problems_and_answers_the_pressed_question()
    {
        using var app = new Bots1CAppFactory();
        var file = FaqScenario.Build("Delivery FAQ", [new FaqEntry("How to pay?", "By card."), new FaqEntry("Where are you?", "Moscow.")], Texts);

        var result = await app.Services.GetRequiredService<ScenarioImport>().ImportAsync(file.ToJson(), ScenarioImportOptions.AskOnClash, "anna@example.ru");

        Assert.True(result.Written, string.Join("; ", result.Problems.Select(p => $"{p.Place}: {p.Message}")));
        var chat = app.Services.GetRequiredService<ScenarioTestChat>();
        await chat.StartAsync(file.Scenarios[0], storedId: null);
        Assert.Equal(["How to pay?", "Where are you?", "Main menu"], chat.Lines[0].Buttons.Select(b => b.Text));
        await chat.PressAsync(chat.Lines[0].Buttons[1]);
        Assert.Contains(chat.Lines.Skip(1), line => line.Text == "Moscow.");
        Assert.DoesNotContain(chat.Lines, line => line.Text == "By card.");
    }
}
