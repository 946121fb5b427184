using System.Globalization;
using System.Net;
using Bots1C.Domain.Bots;
using Bots1C.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Endpoints;

/// <summary>The chat window a site embeds (in an iframe opened by /assets/webchat.js). Plain HTML and a small
/// script: it must load fast on a customer's site and needs no circuit.</summary>
public static class WebChatWindow
{
    public static async Task<IResult> RenderAsync(string botKey, HttpContext http, BotCache bots,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (await WebChatEndpoints.WebChatBotAsync(bots, botKey, ct) is not { } bot)
            return TypedResults.NotFound();

        // Only the bot's allowed sites (and this app itself) may frame the window.
        http.Response.Headers.ContentSecurityPolicy = Bots1C.Web.Composition.SecurityHeaderPolicies.PagePolicy([], bot.AllowedOrigins);

        string E(string key) => WebUtility.HtmlEncode(L[key]);
        var pathBase = WebUtility.HtmlEncode(http.Request.PathBase.Value ?? "");
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <title>{{WebUtility.HtmlEncode(bot.Credentials.Name)}}</title>
              <link rel="stylesheet" href="{{pathBase}}/assets/css/webchat-window.css" />
            </head>
            <body data-connection="connecting">
              <header class="wc-header">{{WebUtility.HtmlEncode(bot.Credentials.Name)}}</header>
              <main id="wc-messages" class="wc-messages" aria-live="polite" data-empty="{{E("WebChat.Empty")}}" data-sending="{{E("WebChat.Sending")}}" data-sent="{{E("WebChat.Sent")}}" data-not-sent="{{E("WebChat.NotSent")}}"></main>
              <form id="wc-form" class="wc-form" autocomplete="off">
                <textarea id="wc-text" rows="1" maxlength="{{WebChatEndpoints.MaxText}}" placeholder="{{E("WebChat.Placeholder")}}" aria-label="{{E("WebChat.Placeholder")}}"></textarea>
                <button id="wc-send" type="submit">{{E("WebChat.Send")}}</button>
              </form>
              <div id="wc-error" class="wc-error" role="alert" hidden data-offline="{{E("WebChat.Offline")}}" data-failed="{{E("WebChat.Failed")}}"></div>
              <script src="{{pathBase}}/assets/webchat-window.js" data-base="{{pathBase}}/webchat/{{WebUtility.HtmlEncode(botKey)}}"></script>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
