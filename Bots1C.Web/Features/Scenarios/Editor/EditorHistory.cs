namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>Undo and redo as whole snapshots of the scenario's JSON: simple, and exact for every kind of change.
/// At most <see cref="Limit"/> steps back are kept. Typing is recorded keystroke by keystroke (so the scenario
/// always holds what is on screen), but keystrokes into the same field make one step back, as in any editor.</summary>
public sealed class EditorHistory(string initial, int limit = EditorHistory.DefaultLimit)
{
    public const int DefaultLimit = 50;
    private readonly LinkedList<string> _undo = new();
    private readonly Stack<string> _redo = new();
    private string? _typingInto;

    public int Limit { get; } = limit;
    public string Current { get; private set; } = initial;
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;

    /// <summary>Records a new state; returns false when nothing changed. <paramref name="typingInto"/> names the
    /// field being typed into: a state typed into the same field as the last one replaces it instead of adding a step.</summary>
    public bool Record(string snapshot, string? typingInto = null)
    {
        if (snapshot == Current)
            return false;
        var sameField = typingInto is not null && typingInto == _typingInto && _undo.Count > 0;
        _typingInto = typingInto;
        _redo.Clear();
        if (sameField)
        {
            Current = snapshot;
            return true;
        }
        _undo.AddLast(Current);
        if (_undo.Count > Limit)
            _undo.RemoveFirst();
        Current = snapshot;
        return true;
    }

    public string? Undo()
    {
        if (_undo.Last is not { } last)
            return null;
        _typingInto = null;
        _undo.RemoveLast();
        _redo.Push(Current);
        return Current = last.Value;
    }

    public string? Redo()
    {
        if (!_redo.TryPop(out var next))
            return null;
        _typingInto = null;
        _undo.AddLast(Current);
        return Current = next;
    }
}
