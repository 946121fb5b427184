using System.Globalization;
using System.Net;
using Bots1C.Domain.Bots;
using Bots1C.Domain.FirstRun;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// <c>/demo</c>: a plain web page, like a customer's site, with the demo bot's chat embedded by the same one-line
/// snippet a real site uses. Open to anyone (a visitor is not signed in); without an active demo bot it says how to
/// make one.
/// </summary>
public static class DemoSiteEndpoints
{
    public const string Path = "/demo";

    public static void MapDemoSiteEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, RenderAsync).AllowAnonymous().ExcludeFromDescription()
            .WithSecurityHeadersPolicy(Bots1C.Web.Composition.SecurityHeaderPolicies.WithoutScriptPolicy);

    private static async Task<IResult> RenderAsync(HttpContext http, DemoSetup demo, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var bot = await demo.FindAsync(ct);
        // Like a customer's site, the page runs the launcher from the bot's public address, which may be another origin.
        var launcherOrigin = bot is { State: BotState.Active } && Uri.TryCreate(bot.WidgetScript, UriKind.Absolute, out var script)
            ? script.GetLeftPart(UriPartial.Authority) : null;
        http.Response.Headers.ContentSecurityPolicy = Bots1C.Web.Composition.SecurityHeaderPolicies.PagePolicy(
            launcherOrigin is null ? [] : [launcherOrigin], []);
        string E(string key) => WebUtility.HtmlEncode(L[key]);
        var pathBase = WebUtility.HtmlEncode(http.Request.PathBase.Value ?? "");
        var body = bot is { State: BotState.Active }
            ? $"""
                <p>{E("Demo.Intro")}</p>
                <ol>
                  <li>{E("Demo.Step1")}</li>
                  <li>{E("Demo.Step2")}</li>
                  <li>{E("Demo.Step3")}</li>
                </ol>
                <p class="demo-note">{E("Demo.Snippet")}</p>
                <pre>{WebUtility.HtmlEncode($"<script src=\"{bot.WidgetScript}\" data-bot=\"{bot.BotKey}\" async></script>")}</pre>
                <script src="{WebUtility.HtmlEncode(bot.WidgetScript)}" data-bot="{WebUtility.HtmlEncode(bot.BotKey)}" async></script>
                """
            : $"""<p data-testid="demo-missing">{E("Demo.Missing")} <a href="{pathBase}/welcome">{E("Demo.Wizard")}</a></p>""";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}}">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <title>{{E("Demo.Title")}}</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
                pre { background: #f4f4f4; padding: .75rem; overflow-x: auto; font-size: .85rem; }
                .demo-note { color: #555; }
              </style>
            </head>
            <body>
              <h1>{{E("Demo.Title")}}</h1>
              {{body}}
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
