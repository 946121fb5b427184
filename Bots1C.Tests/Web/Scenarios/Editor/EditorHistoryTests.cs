using Bots1C.Web.Features.Scenarios.Editor;

namespace Bots1C.Tests.Web.Scenarios.Editor;

public class EditorHistoryTests
{
    [Fact]
    public void Undo_goes_back_and_redo_forward_again()
    {
        var history = new EditorHistory("a");
        history.Record("b");
        history.Record("c");

        Assert.Equal("b", history.Undo());
        Assert.Equal("a", history.Undo());
        Assert.Null(history.Undo());
        Assert.Equal("b", history.Redo());
    }

    [Fact]
    public void A_new_change_after_undo_forgets_what_could_be_redone()
    {
        var history = new EditorHistory("a");
        history.Record("b");
        history.Undo();
        history.Record("c");
        Assert.False(history.CanRedo);
    }

    [Fact]
    public void An_unchanged_snapshot_is_not_a_step()
    {
        var history = new EditorHistory("a");
        Assert.False(history.Record("a"));
        Assert.False(history.CanUndo);
    }

    [Fact]
    public void Only_the_most_recent_changes_are_kept()
    {
        var history = new EditorHistory("0", limit: 3);
        foreach (var n in Enumerable.Range(1, 5))
            history.Record(n.ToString());
        var back = new List<string?>();
        while (history.CanUndo)
            back.Add(history.Undo());
        Assert.Equal(["4", "3", "2"], back);
    }

    [Fact]
    public void Keystrokes_into_one_field_are_one_step_back()
    {
        var history = new EditorHistory("a");
        history.Record("b");
        history.Record("bH", typingInto: "m1/Text");
        history.Record("bHi", typingInto: "m1/Text");

        Assert.Equal("bHi", history.Current);
        Assert.Equal("b", history.Undo());
        Assert.Equal("bHi", history.Redo());
    }

    [Fact]
    public void Typing_into_another_field_or_after_an_undo_starts_a_new_step_back()
    {
        var history = new EditorHistory("a");
        history.Record("aT", typingInto: "m1/Title");
        history.Record("aTx", typingInto: "m1/Text");
        Assert.Equal("aT", history.Undo());
        history.Record("aTy", typingInto: "m1/Text");

        Assert.Equal("aT", history.Undo());
        Assert.Equal("a", history.Undo());
    }
}
