using MudBlazor;

namespace Bots1C.Web.Components.Layout;

/// <summary>
/// The two palettes. Every colour on every page comes from these (our own CSS uses <c>var(--mud-palette-…)</c>, tinted
/// with <c>color-mix</c> where it needs a shade), so both themes pass WCAG AA contrast (4.5:1 for text; checked by
/// ContrastBrowserTests with axe-core). MudBlazor's own defaults do not: white on its success green is 2.2:1, its dark
/// secondary text 4.2:1, white on a light primary 3:1.
/// </summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#c8102e",
            AppbarBackground = "#c8102e",
            Secondary = "#2d6cdf",
            // The 800 shades: white text on them and they on white (or a 10% tint of themselves) stay above 4.5:1.
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#b45309",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            // Light tones on the dark surface, with dark text on them where they fill a button or a chip.
            Primary = "#ff99a6",
            PrimaryContrastText = DarkText,
            Secondary = "#8fb4ff",
            SecondaryContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Info = "#7cc2f8",
            InfoContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
            Error = "#ff9e94",
            ErrorContrastText = DarkText,
            // Text-variant alerts write in the "darken" shade over a faint tint of the colour: on a dark surface the
            // emphasised shade has to be the lighter one.
            PrimaryDarken = "#ffc2ca",
            SuccessDarken = "#a5d6a7",
            InfoDarken = "#b3dcfb",
            WarningDarken = "#ffcc80",
            ErrorDarken = "#ffc4be",
            TextSecondary = "rgba(255,255,255,0.65)",
        },
    };

    private const string DarkText = "#1b1b1f";
}
