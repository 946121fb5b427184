using System.Threading.RateLimiting;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Licensing.Server;
using Bots1C.Web.Endpoints.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// License server mode (the vendor runs this app with its private key configured): installations ask for keys here.
/// Without the private key it answers 404: a customer's installation is not a license server.
/// </summary>
public static class LicenseServerEndpoints
{
    public const string Path = "/api/license/requests";
    public const string RateLimitPolicy = "license-requests";

    public static void ConfigureRateLimit(RateLimiterOptions options) =>
        // Open to the internet and answering "unknown INN or contract": a guessing loop gets a few tries a minute.
        options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            Bots1C.Web.Composition.ClientAddress.Of(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public static void MapLicenseServerEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, RequestAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicy)
            .WithoutStatusPages().WithTags("License server");

    private static async Task<Results<Ok<KeyAnswer>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        LicenseRequest request, LicenseIssuer issuer, IOptions<LicensingOptions> options, CancellationToken ct)
    {
        if (!options.Value.Server.Enabled)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This installation is not a license server.");
        var result = await issuer.IssueAsync(request, ct);
        if (result.Errors.Count > 0)
            return ValidationProblems.From(result.Errors);
        return result.Refusal switch
        {
            null => TypedResults.Ok(new KeyAnswer(result.Key!)),
            { } error => TypedResults.Problem(statusCode: error == LicenseError.LicensesExceeded ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
                title: new LicenseRefusal(error).English, extensions: new Dictionary<string, object?> { ["code"] = error.ToString() }),
        };
    }

    public sealed record KeyAnswer(string Key);
}
