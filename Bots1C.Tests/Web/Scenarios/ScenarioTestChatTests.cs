using Bots1C.Domain.Scenarios;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Scenarios;

/// <summary>The editor's test panel chats with an unsaved scenario, in memory, with the runner bots use.</summary>
public class ScenarioTestChatTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static ScenarioDefinition AskCity() => new()
    {
        Name = "Ask city",
        Steps =
        [
            new Step { Id = "start", Kind = StepKind.Start },
            new Step { Id = "q1", Kind = StepKind.Question, Text = "Which city?", Variable = "city", AnswerType = AnswerType.Choice, Choices = ["Moscow", "Kazan"] },
            new Step { Id = "m1", Kind = StepKind.Message, Text = "Delivering to {{vars.city}}." },
            new Step { Id = "h1", Kind = StepKind.HandOver, Text = "An operator will help." },
        ],
        Transitions =
        [
            new Transition { From = "start", To = "q1" },
            new Transition { From = "q1", Outcome = StepOutcomes.Answered, To = "m1" },
            new Transition { From = "q1", Outcome = StepOutcomes.GaveUp, To = "h1" },
        ],
    };

    [Fact]
    public async Task Starting_sends_the_first_question_and_marks_its_step_current()
    {
        var chat = _app.Services.GetRequiredService<ScenarioTestChat>();

        await chat.StartAsync(AskCity(), storedId: null);

        var question = Assert.Single(chat.Lines);
        Assert.Equal(("Which city?", TestChatSide.Bot), (question.Text, question.Side));
        Assert.Equal(["Moscow", "Kazan"], question.Buttons.Select(b => b.Text));
        Assert.Equal("q1", chat.CurrentStepId);
    }

    [Theory]
    [InlineData("en-US", "Hello")]
    [InlineData("ru-RU", "Здравствуйте")]
    public async Task The_tester_is_the_visitor_a_scenario_answering_in_the_visitors_language_answers_in_the_editors(string culture, string expected)
    {
        var chat = _app.Services.GetRequiredService<ScenarioTestChat>();
        var scenario = new ScenarioDefinition
        {
            Name = "Hello",
            Steps =
            [
                new Step { Id = "start", Kind = StepKind.Start },
                new Step { Id = "c", Kind = StepKind.Condition, Left = "contact.replyLanguage", Operator = ConditionOperator.Equals, Right = "en" },
                new Step { Id = "en", Kind = StepKind.End, Text = "Hello" },
                new Step { Id = "ru", Kind = StepKind.End, Text = "Здравствуйте" },
            ],
            Transitions =
            [
                new Transition { From = "start", To = "c" },
                new Transition { From = "c", Outcome = StepOutcomes.True, To = "en" },
                new Transition { From = "c", Outcome = StepOutcomes.False, To = "ru" },
            ],
        };
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            await chat.StartAsync(scenario, storedId: null);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal(expected, Assert.Single(chat.Lines).Text);
    }

    [Fact]
    public async Task Pressing_a_choice_stores_the_variable_and_goes_on()
    {
        var chat = _app.Services.GetRequiredService<ScenarioTestChat>();
        await chat.StartAsync(AskCity(), storedId: null);

        await chat.PressAsync(chat.Lines[0].Buttons[1]);

        Assert.Equal("Delivering to Kazan.", chat.Lines[^1].Text);
        Assert.Equal("Kazan", chat.Variables["city"]);
        Assert.Null(chat.CurrentStepId);
    }

    [Fact]
    public async Task Giving_up_hands_over_and_says_so()
    {
        var chat = _app.Services.GetRequiredService<ScenarioTestChat>();
        await chat.StartAsync(AskCity(), storedId: null);

        foreach (var wrong in new[] { "Paris", "Rome", "Oslo" })
            await chat.SendAsync(wrong);

        Assert.True(chat.WaitingForOperator);
        Assert.Equal("HandedOver", chat.Lines[^1].Code);
        Assert.Equal("An operator will help.", chat.Lines[^2].Text);
    }
}
