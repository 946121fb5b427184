using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// The ingest benchmark's baseline: <c>POST /bench/bare-webhook</c> reads the body as the webhook does, parses it with the
/// Telegram adapter's own <c>ReadEnvelope</c> (the same JSON work) and answers 200: no bot look-up, no secret check,
/// no storage. It is registered by <see cref="BenchApp"/> as a startup filter on the host it starts, so it exists only
/// inside the benchmark process and never in the product's routes. It runs first in the pipeline (ahead of the app's
/// middleware), so the ratio to it includes the app's pipeline as well as verification and the inbox commit.
/// </summary>
public sealed class BareWebhookEndpoint : IStartupFilter
{
    public const string Path = "/bench/bare-webhook";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var adapter = app.ApplicationServices.GetRequiredService<ChannelAdapters>().For(Messenger.Telegram);
        app.Use(async (http, nextMiddleware) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Path != Path)
            {
                await nextMiddleware(http);
                return;
            }
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            http.Response.StatusCode = adapter.ReadEnvelope(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is null
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
        });
        next(app);
    };
}
