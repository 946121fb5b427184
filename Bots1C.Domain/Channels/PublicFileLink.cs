using System.Net;

namespace Bots1C.Domain.Channels;

/// <summary>
/// Fetches a customer's file by the public, expiring link the messenger put in the update (Viber's media, MAX's and VK's
/// attachment urls, JivoChat's file links), without the token, through the caller's guarded media client. One place for
/// the answers such a link can give: gone (404/410/403), refused, too big (declared or actual), unreachable, slow.
/// </summary>
public static class PublicFileLink
{
    /// <param name="messenger">How the reasons name the messenger ("VK did not give the file: …").</param>
    /// <param name="tooBigReason">What to tell people about a file over <paramref name="maxBytes"/>.</param>
    public static async Task<DownloadResult> DownloadAsync(HttpClient client, string link, long maxBytes, string messenger,
        string tooBigReason, CancellationToken ct)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return DownloadResult.Failed(DownloadFailure.Gone, "The file's address is not an http(s) link");
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
                return DownloadResult.Failed(DownloadFailure.Gone, $"{messenger} no longer has this file (its link has expired): HTTP {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
                return DownloadResult.Failed(DownloadFailure.Unreachable, $"{messenger} did not give the file: HTTP {(int)response.StatusCode}");
            var length = response.Content.Headers.ContentLength;
            if (length > maxBytes)
                return DownloadResult.Failed(DownloadFailure.TooBig, tooBigReason);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var content = await DownloadBuffer.ReadAsync(body, maxBytes, length, ct);
            var disposition = response.Content.Headers.ContentDisposition;
            var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? Path.GetFileName(url.AbsolutePath);
            return DownloadResult.Downloaded(content, response.Content.Headers.ContentType?.MediaType, string.IsNullOrEmpty(name) ? null : name);
        }
        catch (Exception e) when (DownloadBuffer.TooBig(e))
        {
            return DownloadResult.Failed(DownloadFailure.TooBig, tooBigReason);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"{messenger} did not give the file: {NetworkFailure.Describe(e)}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DownloadResult.Failed(DownloadFailure.Unreachable, $"{messenger} did not give the file in time.");
        }
    }
}
