using System.Security.Claims;
using System.Text.Encodings.Web;
using Bots1C.Domain.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>Authenticates REST API calls by the <c>X-Api-Key</c> header. A missing or wrong key is a 401.</summary>
public class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Policy = "Api";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].FirstOrDefault() is not { Length: > 0 } presented)
            return AuthenticateResult.NoResult();
        if (await keys.AuthenticateAsync(presented, Context.RequestAborted) is not { } key)
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"API key '{key.Name}'"), new Claim(ClaimTypes.NameIdentifier, $"apikey:{key.Id}")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        return Response.WriteAsJsonAsync(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            title = "Unauthorized",
            status = 401,
            detail = $"Send a valid API key in the {Header} header. Administrators create keys on the API keys page.",
        }, options: null, contentType: "application/problem+json");
    }
}
