using Bots1C.Domain.Files;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Exchange;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Scenarios.Exchange;

/// <summary>Scenarios for exchange tests: a small valid one, and one that sets every field of the model.</summary>
public static class ScenarioKit
{
    public static ScenarioDefinition Simple(string name, string? key = null, string text = "Hello") => new()
    {
        Key = key ?? ScenarioDefinition.NewKey(),
        Name = name,
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step { Id = "hi", Kind = StepKind.Message, Text = text },
            new Step { Id = "end", Kind = StepKind.End },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "hi" },
            new Transition { From = "hi", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    /// <summary>A scenario that goes to <paramref name="target"/> by key.</summary>
    public static ScenarioDefinition GoingTo(string name, string target, string? key = null) => new()
    {
        Key = key ?? ScenarioDefinition.NewKey(),
        Name = name,
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step { Id = "go", Kind = StepKind.GoToScenario, TargetScenario = target },
        ],
        Transitions = [new Transition { From = "start", Outcome = StepOutcomes.Next, To = "go" }],
    };

    /// <summary>Every step kind and every setting with a value other than its default, and no problems.</summary>
    public static ScenarioDefinition Everything(long fileId, string goToKey) => new()
    {
        Key = "everything-key",
        Name = "Everything",
        Description = "Every field set",
        Interruptible = false,
        Triggers =
        [
            new Trigger { Kind = TriggerKind.Command, Value = "/order" },
            new Trigger { Kind = TriggerKind.Phrase, Value = "где мой заказ" },
            new Trigger { Kind = TriggerKind.Keyword, Value = "заказ" },
            new Trigger { Kind = TriggerKind.ButtonPayload, Value = "order:1" },
        ],
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start, Title = "Начало", X = 10.5, Y = -3.25 },
            new Step
            {
                Id = "msg", Kind = StepKind.Message, Title = "Меню", X = 100, Y = 20, Text = "Привет, {{contact.firstName}}",
                FileId = fileId, FileName = "price.pdf",
                Buttons = [new StepButton { Id = "ask", Text = "Спросить" }, new StepButton { Id = "site", Text = "Сайт", Url = "https://example.ru/{{vars.page}}" }],
            },
            new Step
            {
                Id = "q", Kind = StepKind.Question, Text = "Сколько?", Variable = "count", AnswerType = AnswerType.Choice,
                Choices = ["1", "2"], RetryText = "Выберите из списка", MaxTries = 5,
            },
            new Step { Id = "phone", Kind = StepKind.RequestPhone, Text = "Телефон?" },
            new Step { Id = "mail", Kind = StepKind.RequestEmail, Text = "Почта?", RetryText = "Не похоже на почту", MaxTries = 2 },
            new Step { Id = "cond", Kind = StepKind.Condition, Left = "vars.count", Operator = ConditionOperator.MatchesPattern, Right = "^[0-9]+$" },
            new Step
            {
                Id = "call", Kind = StepKind.CallMethod, Method = "Contact.SetField",
                Arguments = [new NameValue { Name = "field", Value = "email" }, new NameValue { Name = "value", Value = "{{vars.mail}}" }],
            },
            new Step
            {
                Id = "http", Kind = StepKind.HttpRequest, HttpMethod = "POST", Url = "https://1c.example.ru/api/{{vars.count}}",
                Body = "{\"n\": \"{{vars.count}}\"}", Headers = [new NameValue { Name = "X-Token", Value = "abc" }], TimeoutSeconds = 30,
                Results = [new ResultMapping { From = "$.order.number", To = "number" }],
            },
            new Step { Id = "file", Kind = StepKind.SendFile, FileId = fileId, FileName = "price.pdf", Text = "Прайс" },
            new Step { Id = "go", Kind = StepKind.GoToScenario, TargetScenario = goToKey },
            new Step { Id = "op", Kind = StepKind.HandOver, Text = "Оператор" },
            new Step { Id = "end", Kind = StepKind.End, Text = "Пока", ShowMainMenu = true },
        ],
        Transitions =
        [
            new Transition { From = "start", Outcome = StepOutcomes.Next, To = "msg" },
            new Transition { From = "msg", Outcome = StepOutcomes.ForButton("ask"), To = "q" },
            new Transition { From = "q", Outcome = StepOutcomes.Answered, To = "phone" },
            new Transition { From = "q", Outcome = StepOutcomes.GaveUp, To = "op" },
            new Transition { From = "phone", Outcome = StepOutcomes.Received, To = "mail" },
            new Transition { From = "phone", Outcome = StepOutcomes.Refused, To = "end" },
            new Transition { From = "mail", Outcome = StepOutcomes.Received, To = "cond" },
            new Transition { From = "mail", Outcome = StepOutcomes.GaveUp, To = "end" },
            new Transition { From = "cond", Outcome = StepOutcomes.True, To = "call" },
            new Transition { From = "cond", Outcome = StepOutcomes.False, To = "go" },
            new Transition { From = "call", Outcome = StepOutcomes.Ok, To = "http" },
            new Transition { From = "call", Outcome = StepOutcomes.Failed, To = "op" },
            new Transition { From = "http", Outcome = StepOutcomes.Ok, To = "file" },
            new Transition { From = "http", Outcome = StepOutcomes.Failed, To = "op" },
            new Transition { From = "file", Outcome = StepOutcomes.Next, To = "end" },
        ],
    };

    public static ScenarioExchangeFile FileOf(params ScenarioDefinition[] scenarios) => new() { Scenarios = [.. scenarios] };

    public static async Task<long> StoreFileAsync(this Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        var file = new StoredFile { FileName = "price.pdf", MimeType = "application/pdf", Content = [1, 2, 3], Size = 3, CreatedAt = DateTimeOffset.UtcNow };
        db.Files.Add(file);
        await db.SaveChangesAsync();
        return file.Id;
    }

    /// <summary>Stores a scenario the way the editor does.</summary>
    public static async Task<long> CreateScenarioAsync(this Bots1CAppFactory app, ScenarioDefinition definition)
    {
        var result = await app.Services.GetRequiredService<ScenarioCatalog>().CreateAsync(definition, "test");
        Assert.True(result.Saved, string.Join("; ", result.Problems.Select(p => p.Message)));
        return result.Scenario!.Id;
    }
}
