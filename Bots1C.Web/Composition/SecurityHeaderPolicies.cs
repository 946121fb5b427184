namespace Bots1C.Web.Composition;

/// <summary>
/// The headers every answer carries (NetEscapades.AspNetCore.SecurityHeaders; the page headers only on HTML):
/// no MIME sniffing, a referrer without paths for other sites, HSTS over HTTPS, framing only by this app, and a
/// script policy that lets Blazor, MudBlazor and the diagram editor run — scripts from this app only, Blazor's
/// inline import map by the request's nonce — and no plugins. Three kinds of page need their own policy.
/// </summary>
public static class SecurityHeaderPolicies
{
    /// <summary>The chat window: framed by the bot's allowed sites, so it writes its own policy (see <see cref="PagePolicy"/>).</summary>
    public const string ChatWindow = "chat-window";

    /// <summary>No script policy from here: the demo site writes its own (it loads the chat launcher from the demo bot's
    /// public address), and the PDF preview is a file shown in the app's own frame, where a page policy only risks
    /// the browser's PDF viewer.</summary>
    public const string WithoutScriptPolicy = "without-script-policy";

    /// <summary>The API reference (Scalar) starts itself with an inline script.</summary>
    public const string ApiReference = "api-reference";

    private const int OneYear = 365 * 24 * 60 * 60;

    public static IServiceCollection AddBots1CSecurityHeaders(this IServiceCollection services)
    {
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(p => Common(p).AddFrameOptionsSameOrigin().AddContentSecurityPolicy(csp =>
            {
                csp.AddScriptSrc().Self().WithNonce();
                Rest(csp);
            }))
            .AddPolicy(ChatWindow, p => Common(p))
            .AddPolicy(WithoutScriptPolicy, p => Common(p).AddFrameOptionsSameOrigin())
            .AddPolicy(ApiReference, p => Common(p).AddFrameOptionsSameOrigin().AddContentSecurityPolicy(csp =>
            {
                csp.AddScriptSrc().Self().UnsafeInline();
                Rest(csp);
            }));
        return services;
    }

    /// <summary>The policy of a page that names its own script sources and framers, in the same terms as the default.</summary>
    public static string PagePolicy(IEnumerable<string> scriptSources, IEnumerable<string> frameAncestors) =>
        $"script-src {string.Join(' ', scriptSources.Prepend("'self'").Distinct())}; object-src 'none'; base-uri 'self'; form-action 'self'; "
        + $"frame-ancestors {string.Join(' ', frameAncestors.Prepend("'self'").Distinct())}";

    private static HeaderPolicyCollection Common(HeaderPolicyCollection policy) => policy
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddStrictTransportSecurityMaxAge(OneYear); // only ever sent over HTTPS

    private static void Rest(CspBuilder csp)
    {
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().Self();
    }
}
