using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Components.Account;

/// <summary>
/// Each address may post the sign-in form a few times a minute. A person signs in once a fortnight (the cookie
/// slides), so counting the right passwords too costs nobody anything, while a guesser, and the CPU each password
/// hash costs, is held to <see cref="SignInProtectionOptions.AttemptsPerMinute"/>. Showing the form is not limited.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static void Configure(RateLimiterOptions options) =>
        options.AddPolicy(Policy, http =>
        {
            if (!HttpMethods.IsPost(http.Request.Method))
                return RateLimitPartition.GetNoLimiter("form");
            var limit = http.RequestServices.GetRequiredService<IOptions<SignInProtectionOptions>>().Value.AttemptsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(Bots1C.Web.Composition.ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
}
