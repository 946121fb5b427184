using System.Net;

namespace Bots1C.Domain.Channels.WhatsApp;

/// <summary>
/// What a Graph API error means for the outbox. WhatsApp's error codes are the contract (Meta says to build on <c>code</c>
/// and <c>details</c>; titles are being retired): the numbers are from Meta's error-code reference as reproduced in
/// docs/channels.md. A refusal that arrives later in a "failed" status webhook gets the same words (<see cref="Reason"/>).
/// </summary>
public static class WhatsAppErrors
{
    /// <summary>The start of the reason an operator reads when a reply came after WhatsApp's 24-hour window: stable, so
    /// operators (and anyone searching the event log) recognise it.</summary>
    public static readonly string WindowClosed = KnownReasons.WhatsAppWindowClosed.English;

    public const int AuthUnknown = 0, ServiceUnavailable = 2, TokenInvalid = 190,
        ThroughputReached = 130429, PairRateReached = 131056,
        SomethingWentWrong = 131000, Undeliverable = 131026, ReEngagement = 131047;

    /// <summary>Meta's pair limit is about one message every 6 seconds to one customer, once a short burst is used up.</summary>
    private static readonly TimeSpan PairWait = TimeSpan.FromSeconds(6);

    /// <summary>A refused send: its outcome from the HTTP status and the error's code.</summary>
    public static SendResult Refusal(HttpStatusCode status, int? code, string? title, string? details, TimeSpan? retryAfter)
    {
        var reason = Reason(code, title, details);
        return code switch
        {
            PairRateReached => SendResult.RateLimited(retryAfter ?? PairWait, reason),
            ThroughputReached => SendResult.RateLimited(retryAfter ?? TimeSpan.FromSeconds(1), reason),
            _ when status == HttpStatusCode.TooManyRequests => SendResult.RateLimited(retryAfter ?? TimeSpan.FromSeconds(1), reason),
            // "Message undeliverable": the number is not on WhatsApp, or its owner has not accepted WhatsApp's terms or
            // runs an app too old to receive it. No retry reaches them. (131050, "stopped marketing messages", is not here:
            // it concerns marketing templates, and the customer can still be answered in a conversation.)
            Undeliverable => SendResult.Blocked(reason),
            SomethingWentWrong or ServiceUnavailable => SendResult.Transient(reason),
            _ when (int)status >= 500 => SendResult.Transient(reason),
            _ => SendResult.Failed(reason),
        };
    }

    /// <summary>The words an operator reads next to a message WhatsApp refused, with the code for anyone who looks it up.</summary>
    public static string Reason(int? code, string? title, string? details)
    {
        var said = details ?? title;
        return code switch
        {
            ReEngagement => $"{WindowClosed} (WhatsApp error {ReEngagement})",
            TokenInvalid or AuthUnknown => $"WhatsApp refused the bot's access token ({code}): {said ?? "enter a valid token on the bot card"}",
            null => said ?? "WhatsApp refused the message.",
            _ => $"{title ?? details ?? "WhatsApp refused the message"} ({code})",
        };
    }
}
