using Bots1C.Domain.Files;
using Bots1C.Domain.Scenarios;
using Bots1C.Domain.Scenarios.Methods;
using Bots1C.Tests.Infrastructure;
using Bots1C.Web.Features.Scenarios.Editor;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Scenarios.Editor;

/// <summary>The properties panel: edits reach the step and its node on the canvas; operators only look.</summary>
public class StepPropertiesTests : MudTestContext
{
    private readonly Bots1CAppFactory _app = new();

    public StepPropertiesTests()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<FileStore>());
        Services.AddSingleton(_app.Services.GetRequiredService<ScenarioMethods>());
        Services.AddSingleton(_app.Services.GetRequiredService<Bots1C.Domain.PrintForms.PrintFormTemplates>());
    }

    private static ScenarioGraph Graph(Step step, bool readOnly = false)
    {
        var scenario = ScenarioDefinition.New("Panel");
        scenario.Steps.Add(step);
        return new ScenarioGraph(scenario, readOnly);
    }

    private IRenderedComponent<StepProperties> Panel(ScenarioGraph graph, Step step) =>
        Render<StepProperties>(p => p.Add(c => c.Graph, graph).Add(c => c.Step, step));

    [Fact]
    public void Adding_a_button_gives_the_messages_node_a_port_for_it()
    {
        var step = new Step { Id = "m1", Kind = StepKind.Message, Text = "Choose", X = 300 };
        var graph = Graph(step);
        var panel = Panel(graph, step);

        panel.Find("[data-testid=add-button]").Click();

        Assert.Equal("b1", Assert.Single(step.Buttons).Id);
        Assert.NotNull(graph.NodeOf("m1")!.OutputPort("btn:b1"));
        Assert.Single(panel.FindAll("[data-testid=step-button]"));
    }

    [Fact]
    public void A_phone_step_offers_the_retry_text_and_tries_like_the_other_asking_steps()
    {
        var step = new Step { Id = "p1", Kind = StepKind.RequestPhone, Text = "Phone?", X = 300 };
        var panel = Panel(Graph(step), step);

        panel.Find("[data-testid=step-retry-text] textarea, textarea[data-testid=step-retry-text]").Input("That is no number");
        panel.Find("[data-testid=step-max-tries] input, input[data-testid=step-max-tries]").Input("5");

        Assert.Equal(("That is no number", 5), (step.RetryText, step.MaxTries));
    }

    [Fact]
    public void Typing_the_text_changes_the_step_and_can_be_undone()
    {
        var step = new Step { Id = "m1", Kind = StepKind.Message, X = 300 };
        var graph = Graph(step);
        var panel = Panel(graph, step);

        panel.Find("textarea").Input("Hello!"); // fields commit as they are typed (Immediate), not on leaving them

        Assert.Equal("Hello!", step.Text);
        graph.Undo();
        Assert.Null(graph.Definition.FindStep("m1")!.Text);
    }

    [Fact]
    public void Each_keystroke_reaches_the_step_and_its_node_before_the_field_is_left()
    {
        var step = new Step { Id = "m1", Kind = StepKind.Message, X = 300 };
        var graph = Graph(step);
        var panel = Panel(graph, step);

        panel.Find("textarea").Input("Hel");
        panel.Find("textarea").Input("Hello");

        Assert.Equal("Hello", step.Text);
        Assert.True(graph.IsDirty);
        graph.Undo();
        Assert.Null(graph.Definition.FindStep("m1")!.Text); // the keystrokes are one step back
    }

    [Fact]
    public void A_new_line_started_in_the_choices_stays_while_typing()
    {
        var step = new Step { Id = "q1", Kind = StepKind.Question, AnswerType = AnswerType.Choice, Choices = ["Yes"], X = 300 };
        var panel = Panel(Graph(step), step);
        var choices = panel.FindAll("textarea").Last();

        choices.Input("Yes\n");

        Assert.Equal("Yes\n", panel.FindAll("textarea").Last().GetAttribute("value") ?? panel.FindAll("textarea").Last().TextContent);
        Assert.Equal(["Yes"], step.Choices);
    }

    [Fact]
    public void An_operator_sees_the_settings_but_every_field_is_disabled()
    {
        var step = new Step { Id = "q1", Kind = StepKind.Question, Text = "Your city?", Variable = "city", X = 300 };
        var panel = Panel(Graph(step, readOnly: true), step);

        Assert.Contains(panel.FindAll("textarea"), t => t.TextContent.Contains("Your city?") || t.GetAttribute("value") == "Your city?");
        Assert.All(panel.FindAll("input:not([type=hidden]), textarea"), field => Assert.True(field.HasAttribute("disabled")));
        Assert.DoesNotContain(panel.FindAll("button"), b => !b.HasAttribute("disabled"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _app.Dispose();
    }
}
