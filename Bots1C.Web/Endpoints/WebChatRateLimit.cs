using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bots1C.Web.Endpoints;

/// <summary>The chat window is open to the internet: one address gets a generous but finite number of calls.</summary>
public static class WebChatRateLimit
{
    public const string Policy = "webchat";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
