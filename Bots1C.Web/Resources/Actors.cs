using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Resources;

/// <summary>Who did something, as the pages show it: people by their names, the app itself in the reader's language.</summary>
public static class Actors
{
    /// <summary>Stored as the actor of what the first start does from appsettings (administrator, API key, licence).</summary>
    public const string BootstrapSettings = "bootstrap settings";

    public static string? Display(string? actor, IStringLocalizer localizer) => actor switch
    {
        BootstrapSettings => localizer["Actor.BootstrapSettings"],
        Bots1C.Domain.Diagnostics.BotHealthMonitor.Actor => localizer["Actor.BackgroundCheck"],
        _ => actor,
    };
}
