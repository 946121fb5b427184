using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bots1C.Web.Endpoints;

/// <summary>The chat window is open to the internet: one address (an IPv6 one by its /64, see ClientAddress) gets a
/// generous but finite number of calls.</summary>
public static class WebChatRateLimit
{
    public const string Policy = "webchat";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            Bots1C.Web.Composition.ClientAddress.Of(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
