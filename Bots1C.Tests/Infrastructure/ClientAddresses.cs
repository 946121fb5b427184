using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Bots1C.Tests.Infrastructure;

/// <summary>
/// Where an in-memory request comes from. TestServer leaves the client address empty, so every client would share
/// one rate-limit partition; <see cref="Bots1CAppFactory"/> gives each client its own loopback address, as separate
/// machines have, and a test plays two browsers on one address (or one person on two) with <see cref="From"/>.
/// The header is read by a test-only startup filter, before the app's own middleware; the app never sees it.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>The client's requests now come from <paramref name="address"/> (a loopback address: nothing is sent there).</summary>
    public static HttpClient From(this HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    internal sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(Header);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
