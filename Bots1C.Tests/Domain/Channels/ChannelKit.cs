using System.Text;
using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using WireMock.Logging;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels;

/// <summary>The adapters as the app builds them (real container, real HTTP clients), plus the payloads they read.</summary>
public static class ChannelKit
{
    /// <param name="allowLoopback">The fakes listen on loopback, which the messenger clients refuse unless listed in
    /// Bots1C:Messengers:ApiAllowedHosts; off to see that refusal.</param>
    public static ServiceProvider Services(Action<IServiceCollection>? configure = null, TimeProvider? clock = null, bool allowLoopback = true)
    {
        var services = new ServiceCollection().AddSingleton(clock ?? TimeProvider.System);
        services.AddChannelAdapters();
        if (allowLoopback)
            services.Configure<MessengerOptions>(o => o.ApiAllowedHosts.AddRange(Infrastructure.Bots1CAppFactory.Loopback));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static IChannelAdapter Adapter(this IServiceProvider services, Messenger messenger) =>
        services.GetRequiredService<ChannelAdapters>().For(messenger);

    /// <summary>A payload from Fixtures/, copied next to the tests at build time.</summary>
    public static byte[] Fixture(string messenger, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", messenger, name));

    public static IReadOnlyList<ILogEntry> Requests(this WireMockServer server) => [.. server.LogEntries];

    public static JsonNode? JsonBody(this ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body!);

    public sealed record FormPart(string Name, string? FileName, byte[] Content)
    {
        public string Text => Encoding.UTF8.GetString(Content);
    }

    /// <summary>The parts of a multipart/form-data request, read the way a server reads them.</summary>
    public static async Task<IReadOnlyList<FormPart>> FormParts(this ILogEntry entry)
    {
        var request = entry.RequestMessage;
        var contentType = MediaTypeHeaderValue.Parse(request.Headers!["Content-Type"].Single());
        Assert.Equal("multipart/form-data", contentType.MediaType.Value);
        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!, new MemoryStream(request.BodyAsBytes!));
        var parts = new List<FormPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts.Add(new FormPart(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, content.ToArray()));
        }
        return parts;
    }

    /// <summary>Compares JSON by meaning (property order and whitespace aside) and shows both on failure.</summary>
    public static void SameJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n  actual {actual?.ToJsonString()}");
}
