using System.Globalization;
using System.Net;

namespace Bots1C.Domain.Diagnostics;

/// <summary>How a webhook address answered a GET: the original expects "Status: Ready" (or "Ok") and no password prompt.</summary>
public sealed record ReadyAnswer(int Status, string? Location, string Body)
{
    public bool Ready => Status == 200 && Body.Trim() is "Status: Ready" or "Ok";
    /// <summary>Sent to a sign-in page, or asked for credentials: the messenger would be refused the same way.</summary>
    public bool AsksForPassword => Status is 401 or 407 || Status is >= 300 and < 400 && Location?.Contains("login", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task<ReadyAnswer> GetAsync(HttpClient client, Uri url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new ReadyAnswer((int)response.StatusCode, response.Headers.Location?.ToString(), body.Length > 200 ? body[..200] : body);
    }

    /// <summary>The evidence line: address, status and what came back.</summary>
    public DiagnosticFact Fact(Uri url) => new("Answered", url.ToString(),
        Status.ToString(CultureInfo.InvariantCulture) + " " + ((HttpStatusCode)Status),
        Location is null ? Body.Trim().ReplaceLineEndings(" ") : "→ " + Location);
}
