using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bots1C.Web.Endpoints;

/// <summary>
/// The web-chat window's event stream (server-sent events): each item as an event, and while nothing happens a comment
/// line every <see cref="KeepAliveSetting"/> seconds (20 by default). Proxies and load balancers drop a connection idle
/// for about a minute; a comment keeps it busy and the browser ignores it. (TypedResults.ServerSentEvents writes no
/// comments, hence this small writer.)
/// </summary>
public sealed class WebChatEventStream(IAsyncEnumerable<SseItem<WebChatMessage?>> items, TimeSpan keepAlive) : IResult
{
    public const string KeepAliveSetting = "Bots1C:WebChat:KeepAliveSeconds";
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(20);

    public static TimeSpan KeepAliveOf(IConfiguration configuration) =>
        configuration.GetValue<double?>(KeepAliveSetting) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : DefaultKeepAlive;

    private static readonly byte[] Comment = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity"; // a compressed stream would hold events back in the compressor
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var ct = http.RequestAborted;

        var next = items.GetAsyncEnumerator(ct);
        var moved = next.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    var tick = Task.Delay(keepAlive, quiet.Token);
                    var first = await Task.WhenAny(moved, tick);
                    await quiet.CancelAsync();
                    if (first == tick)
                    {
                        ct.ThrowIfCancellationRequested();
                        await WriteAsync(response, Comment, ct);
                        continue;
                    }
                }
                if (!await moved)
                    return;
                var item = next.Current;
                await WriteAsync(response,
                    Encoding.UTF8.GetBytes($"event: {item.EventType}\ndata: {JsonSerializer.Serialize(item.Data, json)}\n\n"), ct);
                moved = next.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The window went away.
        }
        finally
        {
            // An async iterator cannot be disposed while a read is pending; the read ends with the request (or the app).
            try { await moved; } catch (OperationCanceledException) { }
            await next.DisposeAsync();
        }
    }

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken ct)
    {
        await response.Body.WriteAsync(bytes, ct);
        await response.Body.FlushAsync(ct);
    }
}
