using Microsoft.Extensions.Hosting.WindowsServices;

namespace Bots1C.Web.Composition;

/// <summary>
/// Run by systemd or as a Windows service, the app behaves as one (docs/deployment.md); run by hand, neither applies.
/// Under systemd (Type=notify) it says when it is ready and when it stops, and writes its log lines with the journal's
/// priority prefixes. As a Windows service it answers the service manager's start and stop, and its folder — not the
/// service's working folder, C:\Windows\System32 — holds appsettings.json and the default App_Data.
/// </summary>
public static class ServiceHosting
{
    /// <summary>The content root to create the builder with: null (the working folder) unless run as a Windows service.
    /// It cannot be changed once the builder exists.</summary>
    public static string? ContentRoot => WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : null;

    public static WebApplicationBuilder RunAsServiceWhenStartedByOne(this WebApplicationBuilder builder)
    {
        builder.Services.AddSystemd();        // nothing unless the parent process is systemd
        builder.Services.AddWindowsService(); // nothing unless started by the Windows service manager
        return builder;
    }
}
