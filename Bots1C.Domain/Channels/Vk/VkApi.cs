using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Bots1C.Domain.Channels.Vk;

/// <summary>VK's refusal: <c>{"error":{"error_code","error_msg"}}</c>, which VK sends with HTTP 200.</summary>
internal sealed record VkError(int Code, string Message)
{
    // The codes with a meaning of their own (schema errors.json).
    public const int AuthFailed = 5, TooManyRequests = 6, FloodControl = 9, Internal = 10,
        Blacklisted = 900, NoPermission = 901, Privacy = 902;

    public string Reason => $"{Message} (VK error {Code})";
}

/// <summary>One method call's outcome: the <c>response</c>, VK's refusal, or why VK could not be asked (network, HTTP
/// status, not JSON) with <see cref="Transient"/> telling whether trying again later may help.</summary>
internal sealed record VkAnswer(JsonElement? Response, VkError? Error, string? Failure, bool Transient = false, TimeSpan? RetryAfter = null)
{
    public bool Ok => Response is not null;

    /// <summary>The same outcome for the outbox: what to do with the message.</summary>
    public SendResult ToSendResult(Func<JsonElement, SendResult> sent)
    {
        if (Response is { } response)
            return sent(response);
        if (Error is { } error)
            return error.Code switch
            {
                VkError.TooManyRequests => SendResult.RateLimited(TimeSpan.FromSeconds(1), error.Reason),
                // Flood control is about the same text sent too often: a second is not enough.
                VkError.FloodControl => SendResult.RateLimited(TimeSpan.FromSeconds(30), error.Reason),
                VkError.Blacklisted or VkError.NoPermission or VkError.Privacy => SendResult.Blocked(error.Reason),
                VkError.Internal => SendResult.Transient(error.Reason),
                VkError.AuthFailed => SendResult.Failed($"VK refused the community token: {error.Reason}"),
                _ => SendResult.Failed(error.Reason),
            };
        if (RetryAfter is { } wait)
            return SendResult.RateLimited(wait, Failure);
        return Transient ? SendResult.Transient(Failure!) : SendResult.Failed(Failure!);
    }

    /// <summary>In words, for the bot card and the event log.</summary>
    public string Why => Error?.Reason ?? Failure ?? "no answer";
}

/// <summary>
/// VK's API over a pooled <see cref="HttpClient"/> (the guarded one named <see cref="VkAdapter.HttpClientName"/>):
/// <c>POST {server}/method/{name}</c> with form-encoded parameters and <c>v=5.199</c>. The token travels only in the
/// <c>Authorization</c> header: VK also takes it as a parameter, but addresses and queries end up in logs.
/// </summary>
internal sealed class VkApi(IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string Version = "5.199";
    public const string DefaultServer = "https://api.vk.com";

    public async Task<VkAnswer> CallAsync(BotCredentials bot, string method, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        var server = string.IsNullOrEmpty(bot.ApiServerUrl) ? DefaultServer : bot.ApiServerUrl.TrimEnd('/');
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{server}/method/{method}"))
            {
                Content = new FormUrlEncodedContent([.. parameters, new("v", Version)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Token);
            using var response = await httpClients.CreateClient(VkAdapter.HttpClientName).SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new VkAnswer(null, null, "HTTP 429", Transient: true, RetryAfter: RetryAfter(response));
            if ((int)response.StatusCode >= 500)
                return new VkAnswer(null, null, $"HTTP {(int)response.StatusCode}", Transient: true);
            if (!response.IsSuccessStatusCode)
                return new VkAnswer(null, null, $"HTTP {(int)response.StatusCode}");
            return Read(await response.Content.ReadAsByteArrayAsync(ct));
        }
        catch (HttpRequestException e)
        {
            return new VkAnswer(null, null, NetworkFailure.Describe(e), Transient: true);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new VkAnswer(null, null, KnownReasons.TimedOut.English, Transient: true);
        }
    }

    /// <summary>The response is cloned out of its document, so callers need not dispose anything.</summary>
    internal static VkAnswer Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var response))
                return new VkAnswer(response.Clone(), null, null);
            if (root.ValueKind == JsonValueKind.Object && VkCallback.Child(root, "error") is { } error)
                return new VkAnswer(null, new VkError(
                    VkCallback.Number(error, "error_code") is { } code && int.TryParse(code, CultureInfo.InvariantCulture, out var c) ? c : 0,
                    VkCallback.Text(error, "error_msg") ?? "VK refused the call"), null);
        }
        catch (JsonException)
        {
        }
        return new VkAnswer(null, null, "VK's answer is not JSON", Transient: true);
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };
}
