using Bots1C.Domain.Scenarios;
using Bots1C.Domain.PrintForms;
using Bots1C.Domain.PrintForms.Forms;
using Bots1C.Domain.Scenarios.Methods;

namespace Bots1C.Tests.Domain.Scenarios;

/// <summary>Each rule of the checker, one at a time, on an otherwise valid scenario.</summary>
public class ScenarioCheckerTests
{
    public static readonly ScenarioMethods BuiltInMethods = new([new SetContactField(), new SetConversationTag()]);
    public static readonly PrintFormTemplates BuiltInPrintForms = new([new InvoiceForm(), new ActForm(), new ReconciliationForm()]);
    private static readonly ScenarioChecker Checker = new(BuiltInMethods, BuiltInPrintForms);
    private static readonly HashSet<string> Keys = ["other"];

    private static IReadOnlyList<ScenarioProblem> Check(ScenarioBuilder builder) => Checker.Check(builder.Definition, Keys);

    /// <summary>start → hello → end: valid.</summary>
    private static ScenarioBuilder Valid() =>
        ScenarioBuilder.Named("Valid").OnCommand("/valid").StartsWith("hello").Message("hello", "Hello").Then("end").End("end");

    private static ScenarioProblem Single(ScenarioBuilder builder) => Assert.Single(Check(builder));

    [Fact]
    public void A_valid_scenario_has_no_problems()
    {
        Assert.Empty(Check(Valid()));
    }

    [Fact]
    public void A_scenario_using_every_step_kind_correctly_has_no_problems()
    {
        var builder = ScenarioBuilder.Named("All").OnCommand("/all").OnPhrase("all of it").OnKeyword("all").OnPayload("all")
            .StartsWith("m")
            .Message("m", "Hi {{contact.firstName}}", ("a", "A"), ("b", "B")).LinkButton("l", "Site", "https://example.com/{{vars.x}}")
            .OnButton("a", "q").OnButton("b", "p")
            .Question("q", "Age?", "age", AnswerType.Number, retryText: "A number").On("answered", "p").On("gaveUp", "p")
            .RequestPhone("p", "Phone?").On("received", "e").On("refused", "e")
            .RequestEmail("e", "E-mail?").On("received", "c").On("gaveUp", "c")
            .Condition("c", "vars.age", ConditionOperator.MatchesPattern, "^\\d+$").On("true", "call").On("false", "h")
            .CallMethod("call", "Contact.SetField", ("field", "email"), ("value", "{{contact.email}}")).On("ok", "end").On("failed", "f")
            .Http("h", "POST", "https://erp.example.com/{{vars.age}}", """{"a":"{{vars.age}}"}""").Header("X-Key", "k").Result("$.a.b", "ab")
            .On("ok", "f").On("failed", "g")
            .SendFile("f", 1, "a.pdf").Then("o")
            .GoTo("g", "other")
            .HandOver("o", "Operator")
            .End("end", "Bye", showMainMenu: true);

        Assert.Empty(Check(builder));
    }

    [Fact]
    public void A_send_file_step_naming_a_print_form_that_does_not_exist()
    {
        var builder = ScenarioBuilder.Named("Invoice").OnCommand("/invoice").StartsWith("f").SendFile("f", 1, "a.pdf").Then("end").End("end");
        builder.Definition.Steps.Single(s => s.Id == "f").PrintForm = "invoise";

        var problem = Single(builder);

        Assert.Equal("PrintFormUnknown", problem.Code);
        Assert.Equal("f", problem.StepId);
        Assert.Contains("invoice, act, reconciliation", problem.Message);
    }

    [Fact]
    public void A_send_file_step_naming_a_print_form_in_any_case_is_fine()
    {
        var builder = ScenarioBuilder.Named("Invoice").OnCommand("/invoice").StartsWith("f").SendFile("f", 1, "a.pdf").Then("end").End("end");
        var step = builder.Definition.Steps.Single(s => s.Id == "f");
        (step.FileId, step.PrintDocument, step.PrintForm) = (null, "{{vars.invoice}}", " Invoice ");

        Assert.Empty(Check(builder));
    }

    [Fact]
    public void No_start_step()
    {
        var builder = Valid();
        builder.Definition.Steps.RemoveAll(s => s.Kind == StepKind.Start);
        builder.Definition.Transitions.RemoveAll(t => t.From == "start");

        var problems = Check(builder);

        var problem = Assert.Single(problems, p => p.Code == "NoStart");
        Assert.Equal(("Steps", null), (problem.Place, problem.StepId));
    }

    [Fact]
    public void Two_start_steps()
    {
        var builder = Valid();
        builder.Definition.Steps.Add(new Step { Id = "start2", Kind = StepKind.Start });
        builder.Link("start2", "next", "end");

        var problems = Check(builder);

        Assert.Contains(problems, p => p.Code == "ManyStarts" && p.Place == "Steps");
    }

    [Fact]
    public void A_step_no_arrow_reaches()
    {
        var problem = Single(Valid().Message("lonely", "Nobody comes here").Then("end"));

        Assert.Equal(("StepUnreachable", "Steps[3]", "lonely"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_outcome_not_connected()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("q").Question("q", "Q?", "v").On("answered", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("OutcomeNotConnected", "Steps[1]", "q"), (problem.Code, problem.Place, problem.StepId));
        Assert.Contains("gaveUp", problem.Message);
    }

    [Fact]
    public void A_button_not_connected()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("m").Message("m", "Pick", ("a", "A"), ("b", "B")).OnButton("a", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("OutcomeNotConnected", "m"), (problem.Code, problem.StepId));
        Assert.Contains("btn:b", problem.Message);
    }

    [Fact]
    public void An_unknown_method()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").CallMethod("c", "Orders.Cancel").On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("MethodUnknown", "Steps[1].Method", "c"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_missing_required_argument()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").CallMethod("c", "Contact.SetField", ("field", "email"))
            .On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ArgumentMissing", "Steps[1].Arguments", "c"), (problem.Code, problem.Place, problem.StepId));
        Assert.Contains("'value'", problem.Message);
    }

    [Fact]
    public void An_argument_the_method_does_not_have()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").CallMethod("c", "Conversation.SetTag", ("tag", "vip"), ("colour", "red"))
            .On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ArgumentUnknown", "Steps[1].Arguments", "c"), (problem.Code, problem.Place, problem.StepId));
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("my var")]
    [InlineData("")]
    [InlineData("имя")]
    public void An_invalid_variable_name(string variable)
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("q").Question("q", "Q?", variable).On("answered", "end").On("gaveUp", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("VariableInvalid", "Steps[1].Variable", "q"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_invalid_result_variable_name()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("h").Http("h", "GET", "https://example.com").Result("$.a", "not valid")
            .On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("VariableInvalid", "Steps[1].Results[0].To", "h"), (problem.Code, problem.Place, problem.StepId));
    }

    [Theory]
    [InlineData("Hello {{name}}")]
    [InlineData("Hello {{contact.salary}}")]
    [InlineData("Hello {{vars.1x}}")]
    public void An_unknown_placeholder(string text)
    {
        var problem = Single(ScenarioBuilder.Named("X").StartsWith("m").Message("m", text).Then("end").End("end"));

        Assert.Equal(("PlaceholderUnknown", "Steps[1].Text", "m"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_unknown_placeholder_in_a_retry_text()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("q").Question("q", "Q?", "v", retryText: "Again, {{who}}")
            .On("answered", "end").On("gaveUp", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("PlaceholderUnknown", "Steps[1].RetryText", "q"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_go_to_target_that_does_not_exist()
    {
        var problem = Single(ScenarioBuilder.Named("X").StartsWith("g").GoTo("g", "missing"));

        Assert.Equal(("TargetMissing", "Steps[1].TargetScenario", "g"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_go_to_without_a_target()
    {
        var problem = Single(ScenarioBuilder.Named("X").StartsWith("g").GoTo("g", " "));

        Assert.Equal(("TargetRequired", "Steps[1].TargetScenario", "g"), (problem.Code, problem.Place, problem.StepId));
    }

    [Theory]
    [InlineData("(")]
    [InlineData("[a-")]
    [InlineData("a{2,1}")]
    public void A_bad_regular_expression(string pattern)
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").Condition("c", "vars.x", ConditionOperator.MatchesPattern, pattern)
            .On("true", "end").On("false", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("PatternInvalid", "Steps[1].Right", "c"), (problem.Code, problem.Place, problem.StepId));
    }

    [Theory]
    [InlineData("example.com/orders")]
    [InlineData("ftp://example.com/file")]
    [InlineData("{{vars.url}}")]
    [InlineData("")]
    [InlineData("https://")]
    public void A_bad_url(string url)
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("h").Http("h", "GET", url).On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("UrlInvalid", "Steps[1].Url", "h"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_bad_link_button_url()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("m").Message("m", "Site").LinkButton("l", "Open", "javascript:alert(1)").Then("end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ButtonUrlInvalid", "Steps[1].Buttons[0].Url", "m"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void Two_arrows_from_one_outcome()
    {
        var builder = Valid().Link("hello", "next", "end");

        var problem = Single(builder);

        Assert.Equal(("TransitionDuplicate", "Transitions[2].Outcome", "hello"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_arrow_from_an_outcome_the_step_does_not_have()
    {
        var problem = Single(Valid().Link("hello", "ok", "end"));

        Assert.Equal(("TransitionOutcomeInvalid", "Transitions[2].Outcome", "hello"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_arrow_to_a_step_that_does_not_exist()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("hello").Message("hello", "Hello").Then("ghost");

        var problem = Single(builder);

        Assert.Equal(("TransitionToMissing", "Transitions[1].To", "hello"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_arrow_back_into_the_start()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("hello").Message("hello", "Hello").Then(ScenarioBuilder.StartId);

        var problem = Single(builder);

        Assert.Equal(("TransitionToStart", "Transitions[1].To", "hello"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void Two_steps_with_one_id()
    {
        var builder = Valid().End("end");

        var problems = Check(builder);

        Assert.Contains(problems, p => p is { Code: "StepIdDuplicate", Place: "Steps[3].Id", StepId: "end" });
    }

    [Fact]
    public void A_choice_question_without_options()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("q").Question("q", "Q?", "v", AnswerType.Choice, choices: [" "])
            .On("answered", "end").On("gaveUp", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ChoicesRequired", "Steps[1].Choices", "q"), (problem.Code, problem.Place, problem.StepId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Max_tries_out_of_range(int tries)
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("q").Question("q", "Q?", "v", maxTries: tries)
            .On("answered", "end").On("gaveUp", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("MaxTriesInvalid", "Steps[1].MaxTries", "q"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_phone_steps_tries_are_checked_like_other_asking_steps()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("p").RequestPhone("p", "Phone?").With(s => s.MaxTries = 0)
            .On("received", "end").On("refused", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("MaxTriesInvalid", "Steps[1].MaxTries", "p"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_phone_steps_retry_text_may_name_only_known_variables()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("p").RequestPhone("p", "Phone?").With(s => s.RetryText = "{{nope}}")
            .On("received", "end").On("refused", "end").End("end");

        Assert.Equal("Steps[1].RetryText", Single(builder).Place);
    }

    [Fact]
    public void A_command_trigger_with_a_space()
    {
        var problem = Single(Valid().OnCommand("/my order"));

        Assert.Equal(("TriggerCommandInvalid", "Triggers[1].Value", null), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_keyword_of_punctuation_only()
    {
        var problem = Single(Valid().OnKeyword("?!"));

        Assert.Equal(("TriggerEmpty", "Triggers[1].Value", null), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void A_condition_on_something_that_is_no_variable()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").Condition("c", "age", ConditionOperator.IsEmpty)
            .On("true", "end").On("false", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ConditionLeftInvalid", "Steps[1].Left", "c"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_invalid_json_path()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("h").Http("h", "GET", "https://example.com").Result("$.a[", "a")
            .On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("JsonPathInvalid", "Steps[1].Results[0].From", "h"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_argument_given_twice()
    {
        var builder = ScenarioBuilder.Named("X").StartsWith("c").CallMethod("c", "Conversation.SetTag", ("tag", "a"), ("TAG", "b"))
            .On("ok", "end").On("failed", "end").End("end");

        var problem = Single(builder);

        Assert.Equal(("ArgumentDuplicate", "Steps[1].Arguments", "c"), (problem.Code, problem.Place, problem.StepId));
    }

    [Fact]
    public void An_arrow_without_a_target_is_a_problem_not_a_crash()
    {
        // An imported file may hold "to": null.
        var definition = ScenarioJson.Deserialize("""
            {"key":"k","name":"X","steps":[{"id":"start","kind":"Start"}],"transitions":[{"from":"start","outcome":"next","to":null}]}
            """);

        var problems = Checker.Check(definition, Keys);

        Assert.Contains(problems, p => p is { Code: "TransitionToMissing", Place: "Transitions[0].To", StepId: "start" });
    }
}
