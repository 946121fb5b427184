namespace Bots1C.Web.Composition;

/// <summary>
/// Where the app listens when nobody says: http://localhost:5080. Set in code, not in appsettings.json, because a
/// settings file outranks ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS, which containers and hosting panels set.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary>True when any of ASP.NET Core's own address settings is present: <c>urls</c> (--urls, URLS,
    /// ASPNETCORE_URLS, DOTNET_URLS, "Urls" in a settings file), <c>http_ports</c> / <c>https_ports</c>
    /// (ASPNETCORE_HTTP_PORTS, ASPNETCORE_HTTPS_PORTS, DOTNET_…) or Kestrel endpoints.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static WebApplicationBuilder UseDefaultListenAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
            builder.WebHost.UseUrls(Default);
        return builder;
    }
}
