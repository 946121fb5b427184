namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>Undo and redo as whole snapshots of the scenario's JSON: simple, and exact for every kind of change.
/// At most <see cref="Limit"/> steps back are kept.</summary>
public sealed class EditorHistory(string initial, int limit = EditorHistory.DefaultLimit)
{
    public const int DefaultLimit = 50;
    private readonly LinkedList<string> _undo = new();
    private readonly Stack<string> _redo = new();

    public int Limit { get; } = limit;
    public string Current { get; private set; } = initial;
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;

    /// <summary>Records a new state; returns false when nothing changed.</summary>
    public bool Record(string snapshot)
    {
        if (snapshot == Current)
            return false;
        _undo.AddLast(Current);
        if (_undo.Count > Limit)
            _undo.RemoveFirst();
        _redo.Clear();
        Current = snapshot;
        return true;
    }

    public string? Undo()
    {
        if (_undo.Last is not { } last)
            return null;
        _undo.RemoveLast();
        _redo.Push(Current);
        return Current = last.Value;
    }

    public string? Redo()
    {
        if (!_redo.TryPop(out var next))
            return null;
        _undo.AddLast(Current);
        return Current = next;
    }
}
