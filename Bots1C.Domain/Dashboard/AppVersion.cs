using System.Reflection;

namespace Bots1C.Domain.Dashboard;

public static class AppVersion
{
    /// <summary>The product version the build stamped, without the source revision suffix.</summary>
    public static string Current { get; } =
        (typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
