using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>A step's input (on the left) or one of its ways out (on the right, one per outcome). Ids are
/// <c>{step}/in</c> and <c>{step}/out/{outcome}</c>, so the DOM and tests can find them.</summary>
public sealed class StepPort : PortModel
{
    private StepPort(string id, StepNode parent, PortAlignment alignment, string? outcome)
        : base(id, parent, alignment, null, null) => Outcome = outcome;

    /// <summary>The outcome this port leads out of, or null for the input.</summary>
    public string? Outcome { get; }
    public bool IsInput => Outcome is null;
    public StepNode Step => (StepNode)Parent;

    public static string InputId(string stepId) => $"{stepId}/in";
    public static string OutputId(string stepId, string outcome) => $"{stepId}/out/{outcome}";

    public static StepPort Input(StepNode node) => new(InputId(node.Step.Id), node, PortAlignment.Left, null);
    public static StepPort Output(StepNode node, string outcome) => new(OutputId(node.Step.Id, outcome), node, PortAlignment.Right, outcome);

    /// <summary>Arrows go from a way out to an input, nothing else.</summary>
    public override bool CanAttachTo(ILinkable other) => !IsInput && other is StepPort { IsInput: true };
}
