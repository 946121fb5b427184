using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Options;
using Bots1C.Domain.Scenarios;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>
/// The scenario being edited and its drawing, kept in step both ways: what the user does on the canvas (add,
/// move, connect, delete) is mirrored into <see cref="Definition"/>, and what the properties panel changes is
/// redrawn. Every finished change is one snapshot in <see cref="History"/> (undo/redo). Read-only for operators.
/// </summary>
public sealed class ScenarioGraph
{
    private bool _loading;
    private bool _pending;
    private string _savedJson;
    private CopiedSteps? _clipboard;

    public ScenarioGraph(ScenarioDefinition definition, bool readOnly)
    {
        ReadOnly = readOnly;
        Definition = definition;
        if (StepLayout.NeedsLayout(Definition))
            StepLayout.Arrange(Definition);
        _savedJson = ScenarioJson.Serialize(Definition);
        History = new EditorHistory(_savedJson);

        Diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            Zoom = { Enabled = true, Minimum = 0.2, Maximum = 2 },
            Links =
            {
                DefaultPathGenerator = new SmoothPathGenerator(),
                RequireTarget = true,
                Factory = CreateLink,
            },
            Constraints =
            {
                ShouldDeleteNode = node => ValueTask.FromResult(!ReadOnly && node is StepNode { Step.Kind: not StepKind.Start }),
                ShouldDeleteLink = _ => ValueTask.FromResult(!ReadOnly),
            },
        });
        Diagram.RegisterComponent<StepNode, StepNodeWidget>();
        Diagram.Nodes.Added += OnNodeAdded;
        Diagram.Nodes.Removed += OnNodeRemoved;
        Diagram.Links.Added += OnLinkAdded;
        Diagram.Links.Removed += OnLinkRemoved;
        Diagram.SelectionChanged += _ => SelectionChanged?.Invoke();
        // Behaviours subscribed first, so by now a drag has ended and its moves and links are mirrored.
        Diagram.PointerUp += (_, _) => CommitPending();
        SetUpShortcuts();
        Rebuild();
    }

    public BlazorDiagram Diagram { get; }
    public ScenarioDefinition Definition { get; private set; }
    public EditorHistory History { get; private set; }
    public bool ReadOnly { get; }
    public bool IsDirty => History.Current != _savedJson;
    public bool CanPaste => !ReadOnly && _clipboard is { Steps.Count: > 0 };

    /// <summary>Names of the other scenarios by key, for Go-to steps on the canvas and in the panel.</summary>
    public IReadOnlyDictionary<string, string> ScenarioNames { get; set; } = new Dictionary<string, string>();

    /// <summary>A change was recorded (or undone): toolbars and panels redraw.</summary>
    public event Action? Changed;
    public event Action? SelectionChanged;

    public IReadOnlyList<StepNode> SelectedNodes => Diagram.GetSelectedModels().OfType<StepNode>().ToList();

    /// <summary>The one selected step, or null when none or several are selected.</summary>
    public Step? SelectedStep => SelectedNodes is [var only] ? only.Step : null;

    public StepNode? NodeOf(string stepId) => Diagram.Nodes.OfType<StepNode>().FirstOrDefault(n => n.Step.Id == stepId);

    public Step AddStep(StepKind kind, Point position)
    {
        var step = new Step
        {
            Id = StepIds.NewStepId(kind, Definition.Steps.Select(s => s.Id)),
            Kind = kind,
            X = Math.Round(position.X),
            Y = Math.Round(position.Y),
        };
        Definition.Steps.Add(step);
        var node = AddNode(step);
        Diagram.UnselectAll();
        Diagram.SelectModel(node, true);
        Commit();
        return step;
    }

    /// <summary>The properties panel changed a step: its ways out may have changed (buttons), so its ports follow.
    /// <paramref name="typingInto"/> names the field when the change is a keystroke (see <see cref="EditorHistory.Record"/>).</summary>
    public void StepEdited(Step step, string? typingInto = null)
    {
        if (NodeOf(step.Id) is not { } node)
            return;
        SyncPorts(node);
        node.Refresh();
        Commit(typingInto is null ? null : $"{step.Id}/{typingInto}");
    }

    /// <summary>The scenario's own settings (name, triggers, …) changed.</summary>
    public void ScenarioEdited(string? typingInto = null) => Commit(typingInto is null ? null : $"scenario/{typingInto}");

    /// <summary>Puts a kept draft (the scenario's JSON) in place of what is drawn, as one change that can be undone.</summary>
    public void LoadDraft(string json)
    {
        if (ReadOnly)
            return;
        var draft = ScenarioJson.Deserialize(json); // throws on a damaged draft before anything is changed
        if (History.Record(ScenarioJson.Serialize(draft)))
            Restore(History.Current);
    }

    public void DeleteSelection()
    {
        if (ReadOnly)
            return;
        var nodes = SelectedNodes.Where(n => n.Step.Kind != StepKind.Start).ToList();
        var links = Diagram.GetSelectedModels().OfType<BaseLinkModel>().ToList();
        if (nodes.Count == 0 && links.Count == 0)
            return;
        Diagram.Batch(() =>
        {
            Diagram.Links.Remove(links);
            Diagram.Nodes.Remove(nodes);
        });
        Commit();
        SelectionChanged?.Invoke();
    }

    public void CopySelection()
    {
        var ids = SelectedNodes.Select(n => n.Step.Id).ToList();
        if (ids.Count > 0)
            _clipboard = StepCopies.Copy(Definition, ids);
        Changed?.Invoke();
    }

    public void Paste()
    {
        if (!CanPaste)
            return;
        var pasted = StepCopies.Paste(Definition, _clipboard!);
        var ids = pasted.Select(s => s.Id).ToHashSet();
        _loading = true;
        try
        {
            Diagram.Batch(() =>
            {
                var nodes = pasted.Select(AddNode).ToList();
                foreach (var t in Definition.Transitions.Where(t => ids.Contains(t.From)))
                    AddLink(t);
                Diagram.UnselectAll();
                foreach (var node in nodes)
                    Diagram.SelectModel(node, false);
            });
        }
        finally
        {
            _loading = false;
        }
        Commit();
        SelectionChanged?.Invoke();
    }

    public void Undo() => Restore(History.Undo());

    public void Redo() => Restore(History.Redo());

    /// <summary>Lays the steps out in columns by their distance from the start.</summary>
    public void Tidy()
    {
        if (ReadOnly)
            return;
        StepLayout.Arrange(Definition);
        Diagram.Batch(() =>
        {
            foreach (var node in Diagram.Nodes.OfType<StepNode>())
                node.SetPosition(node.Step.X, node.Step.Y);
        });
        Commit();
        FitToScreen();
    }

    public void FitToScreen()
    {
        if (Diagram.Container is null)
            return;
        Diagram.UnselectAll(); // ZoomToFit fits only the selection when there is one
        Diagram.ZoomToFit(40);
    }

    /// <summary>Selects a step and brings it to the middle of the canvas (from the problems list).</summary>
    public void Select(string stepId)
    {
        if (NodeOf(stepId) is not { } node)
            return;
        Diagram.UnselectAll();
        Diagram.SelectModel(node, true);
        if (Diagram.Container is { } box)
        {
            var centreX = node.Position.X + (node.Size?.Width ?? 200) / 2;
            var centreY = node.Position.Y + (node.Size?.Height ?? 80) / 2;
            Diagram.SetPan(box.Width / 2 - centreX * Diagram.Zoom, box.Height / 2 - centreY * Diagram.Zoom);
        }
    }

    /// <summary>Marks the steps the last check found problems in.</summary>
    public void ShowProblems(IReadOnlyList<ScenarioProblem> problems)
    {
        var counts = problems.Where(p => p.StepId is not null).GroupBy(p => p.StepId!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var node in Diagram.Nodes.OfType<StepNode>())
        {
            var count = counts.GetValueOrDefault(node.Step.Id);
            if (node.ProblemCount == count)
                continue;
            node.ProblemCount = count;
            node.Refresh();
        }
    }

    /// <summary>Highlights the step the test panel's conversation stands at (none when null).</summary>
    public void ShowCurrentStep(string? stepId)
    {
        foreach (var node in Diagram.Nodes.OfType<StepNode>())
        {
            var current = node.Step.Id == stepId;
            if (node.IsCurrent == current)
                continue;
            node.IsCurrent = current;
            node.Refresh();
        }
    }

    /// <summary>The stored version now equals what is drawn.</summary>
    public void MarkSaved()
    {
        _savedJson = History.Current;
        Changed?.Invoke();
    }

    private void SetUpShortcuts()
    {
        var keys = Diagram.GetBehavior<KeyboardShortcutsBehavior>()!;
        keys.RemoveShortcut("g", true, false, true); // grouping: scenarios have no groups
        keys.SetShortcut("Delete", false, false, false, Run(DeleteSelection));
        keys.SetShortcut("c", true, false, false, Run(CopySelection));
        keys.SetShortcut("v", true, false, false, Run(Paste));
        keys.SetShortcut("z", true, false, false, Run(Undo));
        keys.SetShortcut("y", true, false, false, Run(Redo));
        keys.SetShortcut("Z", true, true, false, Run(Redo));

        static Func<Blazor.Diagrams.Core.Diagram, ValueTask> Run(Action action) => _ =>
        {
            action();
            return ValueTask.CompletedTask;
        };
    }

    private BaseLinkModel? CreateLink(Blazor.Diagrams.Core.Diagram diagram, ILinkable source, Anchor target) =>
        !ReadOnly && source is StepPort { IsInput: false } port
            ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow }
            : null;

    private void Rebuild()
    {
        _loading = true;
        try
        {
            Diagram.Batch(() =>
            {
                Diagram.Links.Clear();
                Diagram.Nodes.Clear();
                foreach (var step in Definition.Steps)
                    AddNode(step);
                foreach (var transition in Definition.Transitions)
                    AddLink(transition);
            });
        }
        finally
        {
            _loading = false;
        }
    }

    private StepNode AddNode(Step step)
    {
        var node = new StepNode(step) { Locked = ReadOnly };
        LockPorts(node);
        return Diagram.Nodes.Add(node);
    }

    private void AddLink(Transition transition)
    {
        if (NodeOf(transition.From)?.OutputPort(transition.Outcome) is { } from && NodeOf(transition.To)?.InputPort is { } to)
            Diagram.Links.Add(new LinkModel(from, to) { TargetMarker = LinkMarker.Arrow });
    }

    private void LockPorts(StepNode node)
    {
        foreach (var port in node.Ports)
            port.Locked = ReadOnly;
    }

    private void SyncPorts(StepNode node)
    {
        var wanted = StepOutcomes.Of(node.Step);
        foreach (var port in node.Ports.OfType<StepPort>().Where(p => !p.IsInput && !wanted.Contains(p.Outcome!)).ToList())
        {
            Diagram.Links.Remove(port.Links.ToList()); // RemovePort leaves the links behind
            node.RemovePort(port);
        }
        foreach (var outcome in wanted.Where(o => node.OutputPort(o) is null))
            node.AddPort(StepPort.Output(node, outcome));
        LockPorts(node);
        Definition.Transitions.RemoveAll(t => t.From == node.Step.Id && !wanted.Contains(t.Outcome));
        node.PortsMoved = true;
    }

    private void Restore(string? json)
    {
        if (json is null)
            return;
        Definition = ScenarioJson.Deserialize(json);
        Rebuild();
        Changed?.Invoke();
        SelectionChanged?.Invoke();
    }

    private void OnNodeAdded(NodeModel node) => node.Moved += OnNodeMoved;

    private void OnNodeMoved(MovableModel model)
    {
        if (model is not StepNode node)
            return;
        node.Step.X = Math.Round(node.Position.X);
        node.Step.Y = Math.Round(node.Position.Y);
        _pending = true;
    }

    private void OnNodeRemoved(NodeModel model)
    {
        model.Moved -= OnNodeMoved;
        if (_loading || model is not StepNode node)
            return;
        Definition.Steps.Remove(node.Step);
        Definition.Transitions.RemoveAll(t => t.From == node.Step.Id || t.To == node.Step.Id);
        _pending = true;
    }

    private void OnLinkAdded(BaseLinkModel link) => link.TargetAttached += OnLinkAttached;

    /// <summary>A drawn arrow reached an input: it becomes the transition, replacing the way out's old arrow.</summary>
    private void OnLinkAttached(BaseLinkModel link)
    {
        if (_loading || Ends(link) is not { } ends)
            return;
        var (from, to) = ends;
        foreach (var old in from.Links.Where(l => l != link).ToList())
            Diagram.Links.Remove(old);
        Definition.Transitions.RemoveAll(t => t.From == from.Step.Step.Id && t.Outcome == from.Outcome);
        Definition.Transitions.Add(new Transition { From = from.Step.Step.Id, Outcome = from.Outcome!, To = to.Step.Step.Id });
        _pending = true;
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        link.TargetAttached -= OnLinkAttached;
        if (_loading || Ends(link) is not { } ends)
            return;
        var (from, to) = ends;
        Definition.Transitions.RemoveAll(t => t.From == from.Step.Step.Id && t.Outcome == from.Outcome && t.To == to.Step.Step.Id);
        _pending = true;
    }

    private static (StepPort From, StepPort To)? Ends(BaseLinkModel link) =>
        link is { Source: SinglePortAnchor { Port: StepPort { IsInput: false } from }, Target: SinglePortAnchor { Port: StepPort { IsInput: true } to } }
            ? (from, to)
            : null;

    private void CommitPending()
    {
        if (_pending)
            Commit();
    }

    private void Commit(string? typingInto = null)
    {
        _pending = false;
        History.Record(ScenarioJson.Serialize(Definition), typingInto);
        Changed?.Invoke();
    }
}
