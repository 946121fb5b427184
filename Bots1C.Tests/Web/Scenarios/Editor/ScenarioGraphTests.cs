using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Bots1C.Domain.Scenarios;
using Bots1C.Web.Features.Scenarios.Editor;

namespace Bots1C.Tests.Web.Scenarios.Editor;

/// <summary>What the canvas does to the scenario: each gesture is simulated the way the diagram library reports it.</summary>
public class ScenarioGraphTests
{
    private static ScenarioGraph Graph(bool readOnly = false)
    {
        var scenario = ScenarioDefinition.New("Graph");
        scenario.Steps.Add(new Step { Id = "m1", Kind = StepKind.Message, Text = "Hi", X = 300, Y = 100 });
        scenario.Steps.Add(new Step { Id = "m2", Kind = StepKind.Message, Text = "Bye", X = 600, Y = 100 });
        scenario.Transitions = [new() { From = "start", To = "m1" }];
        return new ScenarioGraph(scenario, readOnly);
    }

    /// <summary>A drag from an output port that ends on an input port, as DragNewLinkBehavior reports it.</summary>
    private static void Draw(ScenarioGraph graph, string from, string outcome, string to)
    {
        var link = new LinkModel(new SinglePortAnchor(graph.NodeOf(from)!.OutputPort(outcome)!), new PositionAnchor(new Point(0, 0)));
        graph.Diagram.Links.Add(link);
        link.SetTarget(new SinglePortAnchor(graph.NodeOf(to)!.InputPort!));
        link.TriggerTargetAttached();
    }

    [Fact]
    public void The_drawing_shows_every_step_and_arrow_of_the_scenario()
    {
        var graph = Graph();
        Assert.Equal(["start", "m1", "m2"], graph.Diagram.Nodes.Select(n => n.Id));
        Assert.Single(graph.NodeOf("start")!.OutputPort("next")!.Links);
    }

    [Fact]
    public void Ports_are_named_after_the_step_and_its_outcome()
    {
        var node = Graph().NodeOf("m1")!;
        Assert.Equal(["m1/in", "m1/out/next"], node.Ports.Select(p => p.Id));
    }

    [Fact]
    public void A_drawn_arrow_becomes_a_transition()
    {
        var graph = Graph();
        Draw(graph, "m1", "next", "m2");
        Assert.Contains(graph.Definition.Transitions, t => t is { From: "m1", Outcome: "next", To: "m2" });
    }

    [Fact]
    public void A_new_arrow_from_a_connected_way_out_replaces_the_old_one()
    {
        var graph = Graph();
        Draw(graph, "start", "next", "m2");
        Assert.Equal("m2", Assert.Single(graph.Definition.Transitions, t => t.From == "start").To);
        Assert.Single(graph.NodeOf("start")!.OutputPort("next")!.Links);
    }

    [Fact]
    public void An_arrow_can_only_end_on_an_input()
    {
        var graph = Graph();
        var output = graph.NodeOf("m1")!.OutputPort("next")!;
        Assert.False(output.CanAttachTo(graph.NodeOf("m2")!.OutputPort("next")!));
        Assert.True(output.CanAttachTo(graph.NodeOf("m2")!.InputPort!));
    }

    [Fact]
    public void Deleting_a_step_removes_it_and_its_arrows()
    {
        var graph = Graph();
        graph.Diagram.SelectModel(graph.NodeOf("m1")!, true);
        graph.DeleteSelection();
        Assert.Null(graph.Definition.FindStep("m1"));
        Assert.Empty(graph.Definition.Transitions);
    }

    [Fact]
    public void The_start_cannot_be_deleted()
    {
        var graph = Graph();
        graph.Diagram.SelectModel(graph.NodeOf("start")!, true);
        graph.DeleteSelection();
        Assert.NotNull(graph.Definition.StartStep);
    }

    [Fact]
    public void A_dropped_step_gets_a_fresh_id_at_the_drop_point()
    {
        var graph = Graph();
        var step = graph.AddStep(StepKind.Message, new Point(420.4, 80.6));
        Assert.Equal(("m3", 420d, 81d), (step.Id, step.X, step.Y));
        Assert.NotNull(graph.NodeOf("m3"));
    }

    [Fact]
    public void Buttons_become_ways_out_with_their_own_ports()
    {
        var graph = Graph();
        var step = graph.Definition.FindStep("m1")!;
        step.Buttons.Add(new StepButton { Id = "b1", Text = "Yes" });
        step.Buttons.Add(new StepButton { Id = "b2", Text = "Site", Url = "https://example.ru" });
        graph.StepEdited(step);
        Assert.Equal(["m1/in", "m1/out/btn:b1"], graph.NodeOf("m1")!.Ports.Select(p => p.Id));
    }

    [Fact]
    public void Removing_a_button_removes_its_port_and_its_arrow()
    {
        var graph = Graph();
        var step = graph.Definition.FindStep("m1")!;
        step.Buttons.Add(new StepButton { Id = "b1", Text = "Yes" });
        graph.StepEdited(step);
        Draw(graph, "m1", "btn:b1", "m2");
        step.Buttons.Clear();
        graph.StepEdited(step);
        Assert.Null(graph.NodeOf("m1")!.OutputPort("btn:b1"));
        Assert.DoesNotContain(graph.Definition.Transitions, t => t.From == "m1");
        Assert.DoesNotContain(graph.Diagram.Links, l => l.Source.Model is StepPort { Outcome: "btn:b1" });
    }

    [Fact]
    public void Undo_brings_back_a_deleted_step_and_redo_deletes_it_again()
    {
        var graph = Graph();
        graph.Diagram.SelectModel(graph.NodeOf("m1")!, true);
        graph.DeleteSelection();

        graph.Undo();
        Assert.NotNull(graph.NodeOf("m1"));
        Assert.Contains(graph.Definition.Transitions, t => t.To == "m1");

        graph.Redo();
        Assert.Null(graph.Definition.FindStep("m1"));
    }

    [Fact]
    public void Pasting_copied_steps_draws_them_selected()
    {
        var graph = Graph();
        graph.Diagram.SelectModel(graph.NodeOf("m1")!, true);
        graph.CopySelection();
        graph.Paste();
        Assert.Equal(["m3"], graph.SelectedNodes.Select(n => n.Step.Id));
    }

    [Fact]
    public void An_edit_makes_the_scenario_unsaved_until_it_is_saved()
    {
        var graph = Graph();
        graph.AddStep(StepKind.End, new Point(0, 0));
        Assert.True(graph.IsDirty);
        graph.MarkSaved();
        Assert.False(graph.IsDirty);
    }

    [Fact]
    public void Problems_are_counted_on_their_steps()
    {
        var graph = Graph();
        graph.ShowProblems([new("TextRequired", "", "Steps[1].Text", "m1"), new("OutcomeNotConnected", "", "Steps[1]", "m1")]);
        Assert.Equal((2, 0), (graph.NodeOf("m1")!.ProblemCount, graph.NodeOf("m2")!.ProblemCount));
    }

    [Fact]
    public void A_read_only_drawing_starts_no_arrows_and_deletes_nothing()
    {
        var graph = Graph(readOnly: true);
        var port = graph.NodeOf("m1")!.OutputPort("next")!;
        Assert.Null(graph.Diagram.Options.Links.Factory(graph.Diagram, port, new PositionAnchor(new Point(0, 0))));
        Assert.True(port.Locked);
        graph.Diagram.SelectModel(graph.NodeOf("m1")!, true);
        graph.DeleteSelection();
        Assert.NotNull(graph.Definition.FindStep("m1"));
    }

    [Fact]
    public void An_imported_scenario_without_positions_is_laid_out()
    {
        var scenario = ScenarioDefinition.New("Imported");
        scenario.StartStep!.X = scenario.StartStep.Y = 0;
        scenario.Steps.Add(new Step { Id = "m1", Kind = StepKind.Message });
        scenario.Transitions = [new() { From = "start", To = "m1" }];
        var graph = new ScenarioGraph(scenario, readOnly: false);
        Assert.True(graph.NodeOf("m1")!.Position.X > graph.NodeOf("start")!.Position.X);
        Assert.False(graph.IsDirty);
    }
}
