using System.Text.Json;
using Bots1C.Domain.Counterparties.Import;

namespace Bots1C.Domain.Scenarios.Exchange;

public sealed record FaqEntry(string Question, string Answer);

/// <summary>What the bot says around the questions, in the language of the person importing.</summary>
public sealed record FaqTexts(string ChooseQuestion, string MainMenu, string Description);

/// <summary>Why a questions-and-answers file was not turned into a scenario; the screens say it in words.</summary>
public sealed record FaqProblem(string Code, int? Row = null, int Limit = 0);

/// <summary>
/// Builds an FAQ scenario from a plain list of questions and answers — the way a company moves what its old bot (or its
/// support wiki) answered: a CSV or Excel sheet with a Question and an Answer column, or JSON
/// <c>[{"question": …, "answer": …}]</c>. The result is an ordinary exchange file, so it goes through the same
/// checks, clash choices and all-or-nothing import as any scenario file (docs/scenarios.md).
/// </summary>
public static class FaqScenario
{
    public const int MaxQuestions = 50;
    /// <summary>A question is a button: longer texts are cut off by some messengers (Viber, WhatsApp lists).</summary>
    public const int MaxQuestionChars = 100;
    /// <summary>Telegram's message limit (4,096) with room for the menu's buttons.</summary>
    public const int MaxAnswerChars = 4000;

    /// <summary>A sheet, or JSON whose top level is a list (a scenario exchange file is an object).</summary>
    public static bool IsFaqFile(string fileName, ReadOnlySpan<byte> start) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" or ".xlsx" => true,
            ".json" => System.Text.Encoding.UTF8.GetString(start).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('['),
            _ => false,
        };

    /// <summary>Reads a CSV/XLSX sheet (Question and Answer columns, or the first two) or a JSON list.</summary>
    public static (List<FaqEntry>? Entries, FaqProblem? Problem) Read(Stream content, string fileName)
    {
        List<FaqEntry> entries;
        if (Path.GetExtension(fileName).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var items = JsonSerializer.Deserialize<List<JsonEntry>>(content, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                entries = (items ?? []).Select(i => new FaqEntry(i?.Question?.Trim() ?? "", i?.Answer?.Trim() ?? "")).ToList();
            }
            catch (JsonException)
            {
                return (null, new FaqProblem("NotAList"));
            }
        }
        else
        {
            SpreadsheetTable table;
            try
            {
                table = Spreadsheets.Read(content, fileName);
            }
            catch (SpreadsheetException)
            {
                return (null, new FaqProblem("Unreadable"));
            }
            entries = FromTable(table);
        }
        return Check(entries) is { } problem ? (null, problem) : (entries, null);
    }

    public static ScenarioExchangeFile Build(string name, IReadOnlyList<FaqEntry> entries, FaqTexts texts)
    {
        var definition = ScenarioDefinition.New(name);
        definition.Description = texts.Description;
        var menu = new Step
        {
            Id = "questions", Kind = StepKind.Message, X = 280, Y = 160, Text = texts.ChooseQuestion,
            Buttons = entries.Select((e, i) => new StepButton { Id = $"q{i + 1}", Text = e.Question }).ToList(),
        };
        menu.Buttons.Add(new StepButton { Id = "menu", Text = texts.MainMenu });
        definition.Steps.Add(menu);
        definition.Transitions.Add(new Transition { From = "start", Outcome = "next", To = menu.Id });
        for (var i = 0; i < entries.Count; i++)
        {
            // Each answer ends with the main menu, as the shipped FAQ template does: the customer is never left at a dead end.
            definition.Steps.Add(new Step { Id = $"a{i + 1}", Kind = StepKind.End, X = 620, Y = 40 + 120 * i, Text = entries[i].Answer, ShowMainMenu = true });
            definition.Transitions.Add(new Transition { From = menu.Id, Outcome = $"btn:q{i + 1}", To = $"a{i + 1}" });
        }
        definition.Steps.Add(new Step { Id = "toMenu", Kind = StepKind.End, X = 620, Y = 40 + 120 * entries.Count, ShowMainMenu = true });
        definition.Transitions.Add(new Transition { From = menu.Id, Outcome = "btn:menu", To = "toMenu" });
        return new ScenarioExchangeFile { Scenarios = [definition] };
    }

    private static List<FaqEntry> FromTable(SpreadsheetTable table)
    {
        var question = Column(table.Headers, "question", "вопрос");
        var answer = Column(table.Headers, "answer", "ответ");
        var rows = table.Rows.AsEnumerable();
        // Without the two headers the first line is a question too.
        if (question < 0 || answer < 0)
        {
            (question, answer) = (0, 1);
            rows = rows.Prepend(table.Headers.ToArray());
        }
        return rows
            .Select(r => new FaqEntry(At(r, question), At(r, answer)))
            .Where(e => e.Question.Length > 0 || e.Answer.Length > 0) // blank lines between groups of questions
            .ToList();
    }

    private static int Column(IReadOnlyList<string> headers, params string[] names)
    {
        for (var i = 0; i < headers.Count; i++)
            if (names.Contains(headers[i].Trim().ToLowerInvariant()))
                return i;
        return -1;
    }

    private static string At(string[] row, int index) => index < row.Length ? row[index].Trim() : "";

    private static FaqProblem? Check(List<FaqEntry> entries)
    {
        if (entries.Count == 0)
            return new FaqProblem("Empty");
        if (entries.Count > MaxQuestions)
            return new FaqProblem("TooMany", Limit: MaxQuestions);
        for (var i = 0; i < entries.Count; i++)
        {
            var row = i + 1;
            if (entries[i].Question.Length == 0)
                return new FaqProblem("NoQuestion", row);
            if (entries[i].Answer.Length == 0)
                return new FaqProblem("NoAnswer", row);
            if (entries[i].Question.Length > MaxQuestionChars)
                return new FaqProblem("QuestionTooLong", row, MaxQuestionChars);
            if (entries[i].Answer.Length > MaxAnswerChars)
                return new FaqProblem("AnswerTooLong", row, MaxAnswerChars);
            if (entries.Take(i).Any(e => string.Equals(e.Question, entries[i].Question, StringComparison.OrdinalIgnoreCase)))
                return new FaqProblem("SameQuestion", row);
        }
        return null;
    }

    private sealed record JsonEntry(string? Question, string? Answer);
}
