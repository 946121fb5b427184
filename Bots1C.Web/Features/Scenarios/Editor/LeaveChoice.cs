namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>What to do with unsaved changes when following a link out of the editor.</summary>
public enum LeaveChoice
{
    Stay,
    Discard,
    Save,
}
