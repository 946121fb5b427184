using System.Reflection;

namespace Bots1C.Web.Composition;

/// <summary>The version this build is (Directory.Build.props), as the app, <c>--version</c> and CHANGELOG.md name it.</summary>
public static class AppVersion
{
    private static readonly string Informational =
        typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>E.g. <c>0.9.0</c>.</summary>
    public static string Number => Informational.Split('+')[0];

    /// <summary>The commit the build was made from, when the SDK knew it (a build from a git clone).</summary>
    public static string? Commit => Informational.Split('+') is [_, var commit, ..] ? commit[..Math.Min(7, commit.Length)] : null;
}
