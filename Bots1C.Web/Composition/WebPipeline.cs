using Bots1C.Web.Features.PrintForms;
using Bots1C.Web.Components;
using Bots1C.Web.Endpoints;
using Bots1C.Web.Endpoints.Api;
using Microsoft.Extensions.FileProviders;

namespace Bots1C.Web.Composition;

public static class WebPipeline
{
    public const string AssetsPath = "/assets";

    public static WebApplication UseBots1CPipeline(this WebApplication app)
    {
        // Behind nginx/Apache/IIS: the client's address and https come from the proxy — only from the configured ones.
        if (ReverseProxy.ForwardedHeaders(app.Configuration) is { } forwarded)
            app.UseForwardedHeaders(forwarded);
        else
            app.UseMiddleware<UntrustedProxyNotice>();
        app.UseSecurityHeaders();
        // Published under a path such as /bots_unf behind a reverse proxy: the public URL keeps it, routes do not.
        if (app.Configuration["PathBase"] is { Length: > 0 } pathBase)
        {
            app.UsePathBase(pathBase);
            app.UseRouting();
        }
        // Always on (also in Development, where it sits inside the developer page): unreadable API bodies are 400s.
        app.UseExceptionHandler("/status/500", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();

        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(assets))
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(assets),
                RequestPath = AssetsPath,
            });

        app.UseMiddleware<MachineRouteMisses>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapBots1CEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();
        app.MapApiV1Endpoints();
        app.MapLicenseServerEndpoints();
        app.MapWebChatEndpoints();
        app.MapDemoSiteEndpoints();
        app.MapFileEndpoints();
        app.MapAttachmentEndpoints();
        app.MapScenarioExportEndpoints();
        app.MapCounterpartyExportEndpoints();
        app.MapPrintFormPreviewEndpoints();
        app.MapEventLogExportEndpoints();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapHub<Bots1C.Web.Hubs.OperatorHub>(Bots1C.Web.Hubs.OperatorHub.Path).WithoutStatusPages();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
