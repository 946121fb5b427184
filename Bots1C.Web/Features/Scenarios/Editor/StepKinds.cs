using Bots1C.Domain.Scenarios;
using MudBlazor;

namespace Bots1C.Web.Features.Scenarios.Editor;

/// <summary>How each step kind looks in the palette and on the canvas.</summary>
public static class StepKinds
{
    /// <summary>What the palette offers: everything but the start, which every scenario has exactly once.</summary>
    public static readonly IReadOnlyList<StepKind> Palette = Enum.GetValues<StepKind>().Where(k => k != StepKind.Start).ToList();

    public static string Icon(StepKind kind) => kind switch
    {
        StepKind.Start => Icons.Material.Filled.PlayArrow,
        StepKind.Message => Icons.Material.Filled.ChatBubbleOutline,
        StepKind.Question => Icons.Material.Filled.HelpOutline,
        StepKind.RequestPhone => Icons.Material.Filled.Phone,
        StepKind.RequestEmail => Icons.Material.Filled.AlternateEmail,
        StepKind.Condition => Icons.Material.Filled.CallSplit,
        StepKind.CallMethod => Icons.Material.Filled.Functions,
        StepKind.HttpRequest => Icons.Material.Filled.Http,
        StepKind.SendFile => Icons.Material.Filled.AttachFile,
        StepKind.GoToScenario => Icons.Material.Filled.Shortcut,
        StepKind.HandOver => Icons.Material.Filled.SupportAgent,
        StepKind.End => Icons.Material.Filled.Stop,
        _ => Icons.Material.Filled.Circle,
    };

    /// <summary>The string key of a kind's name.</summary>
    public static string NameKey(StepKind kind) => $"StepKind.{kind}";

    /// <summary>The string key of a fixed outcome's label (buttons are labelled with their text instead).</summary>
    public static string OutcomeKey(string outcome) => $"Outcome.{outcome}";
}
