using MudBlazor;

namespace Bots1C.Web.Components.Layout;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#c8102e",
            AppbarBackground = "#c8102e",
            Secondary = "#2d6cdf",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ff5a6e",
            Secondary = "#7aa7ff",
        },
    };
}
