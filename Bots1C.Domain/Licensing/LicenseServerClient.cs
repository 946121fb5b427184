using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bots1C.Domain.Licensing.Server;
using Microsoft.Extensions.Options;

namespace Bots1C.Domain.Licensing;

public sealed record LicenseServerAnswer(string? Key, LicenseRefusal? Refusal);

/// <summary>
/// "Get license": asks the vendor's license server for a key. Each way this can fail is one of the original's errors:
/// no connection, 404 or timeout (try again later), licensee data incorrect, licenses exceeded.
/// </summary>
public class LicenseServerClient(IHttpClientFactory http, IOptions<LicensingOptions> options)
{
    public const string HttpClientName = "license-server";
    public const string RequestsPath = "api/license/requests";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public bool IsConfigured => Uri.TryCreate(options.Value.ServerUrl, UriKind.Absolute, out _);

    public async Task<LicenseServerAnswer> RequestAsync(LicenseRequest request, CancellationToken ct = default)
    {
        var server = new Uri(options.Value.ServerUrl!.TrimEnd('/') + "/");
        var client = http.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.ServerTimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(new Uri(server, RequestsPath), request, Json, ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return Refused(LicenseError.ServerUnavailable, server, "timeout");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            return Refused(LicenseError.NoConnection, server, e.HttpRequestError.ToString());
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var answer = await ReadAsync<KeyAnswer>(response, ct);
                return string.IsNullOrWhiteSpace(answer?.Key)
                    ? Refused(LicenseError.ServerUnavailable, server, "the server's answer holds no key")
                    : new LicenseServerAnswer(answer.Key, null);
            }
            var problem = await ReadAsync<ErrorAnswer>(response, ct);
            return Enum.TryParse<LicenseError>(problem?.Code, ignoreCase: false, out var error) && error is LicenseError.LicenseeIncorrect or LicenseError.LicensesExceeded
                ? Refused(error, server, null)
                // A 400 means our request's shape is wrong (e.g. a blank INN the page should have caught): say which field.
                : response.StatusCode == HttpStatusCode.BadRequest && problem?.Errors is { Count: > 0 } fields
                    ? Refused(LicenseError.LicenseeIncorrect, server, string.Join(" ", fields.SelectMany(f => f.Value)))
                    : Refused(LicenseError.ServerUnavailable, server, $"HTTP {(int)response.StatusCode}");
        }
    }

    private static LicenseServerAnswer Refused(LicenseError error, Uri server, string? detail) =>
        new(null, new LicenseRefusal(error, Host: server.Host, Detail: detail));

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null; // an HTML error page from a proxy, say: the status code tells the rest
        }
    }

    private sealed record KeyAnswer(string? Key);
    private sealed record ErrorAnswer(string? Code, Dictionary<string, string[]>? Errors);
}
