using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>One step on the canvas. Holds the step itself (the properties panel edits it in place) and keeps one
/// output port per outcome of <see cref="StepOutcomes.Of"/>.</summary>
public sealed class StepNode : NodeModel
{
    public StepNode(Step step) : base(step.Id, new Point(step.X, step.Y))
    {
        Step = step;
        if (step.Kind != StepKind.Start)
            AddPort(StepPort.Input(this));
        foreach (var outcome in StepOutcomes.Of(step))
            AddPort(StepPort.Output(this, outcome));
    }

    public Step Step { get; }

    /// <summary>How many problems the last check found in this step (drawn as a red outline and a number).</summary>
    public int ProblemCount { get; set; }

    /// <summary>The test panel's conversation stands at this step.</summary>
    public bool IsCurrent { get; set; }

    /// <summary>Set when ports were re-ordered without the node changing size: the widget then asks the library
    /// to measure them again once after rendering.</summary>
    public bool PortsMoved { get; set; }

    public StepPort? InputPort => Ports.OfType<StepPort>().FirstOrDefault(p => p.IsInput);

    public StepPort? OutputPort(string outcome) => Ports.OfType<StepPort>().FirstOrDefault(p => p.Outcome == outcome);

    /// <summary>The output ports in the order of the step's outcomes (a button's port follows its button).</summary>
    public IEnumerable<StepPort> OutputPorts() =>
        StepOutcomes.Of(Step).Select(OutputPort).OfType<StepPort>();
}
