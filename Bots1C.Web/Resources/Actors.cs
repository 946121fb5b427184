using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Resources;

/// <summary>Who did something, as the pages show it: people by their names, the app itself in the reader's language.
/// The app's own actors are stored as these fixed English words and named in words only when shown.</summary>
public static class Actors
{
    /// <summary>Stored as the actor of what the first start does from appsettings (administrator, API key, licence).</summary>
    public const string BootstrapSettings = "bootstrap settings";

    /// <summary>A licence installed with <c>Bots1C.Web license install</c>.</summary>
    public const string CommandLine = "command line";

    public static string? Display(string? actor, IStringLocalizer localizer) => actor switch
    {
        BootstrapSettings => localizer["Actor.BootstrapSettings"],
        Bots1C.Domain.Accounts.FirstAdministratorSetup.SetupPage => localizer["Actor.SetupPage"],
        CommandLine => localizer["Actor.CommandLine"],
        Bots1C.Domain.Diagnostics.BotHealthMonitor.Actor => localizer["Actor.BackgroundCheck"],
        _ => actor,
    };
}
