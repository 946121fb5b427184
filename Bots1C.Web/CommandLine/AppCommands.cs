using System.CommandLine;

namespace Bots1C.Web.CommandLine;

/// <summary>
/// <c>dotnet Bots1C.Web.dll license …</c>, <c>backup …</c>, <c>db copy …</c> and <c>--version</c> run and exit; anything else starts the
/// web app.
/// </summary>
public static class AppCommands
{
    public static bool Handles(string[] args) => args is ["license", ..] or ["backup", ..] or ["db", ..] or ["--version"];

    /// <summary>An app setting given on the command line, e.g. <c>--Bots1C:DataPath=/var/lib/bots1c</c>.</summary>
    public static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':');

    /// <param name="services">The app's services, database not yet opened (a backup must not migrate what it copies).</param>
    /// <param name="prepared">Opens (and migrates) the database for the commands that work in it.</param>
    public static Task<int> RunAsync(string[] args, IServiceProvider services, Func<Task<IServiceProvider?>> prepared)
    {
        // RootCommand brings --version (the informational version, e.g. 0.9.0+commit) and --help.
        var root = new RootCommand("Bots1C")
        {
            LicenseCommands.Build(prepared),
            BackupCommand.Build(services),
            DbCopyCommand.Build(services),
        };
        return root.Parse(args).InvokeAsync();
    }
}
