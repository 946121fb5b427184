using System.Text.Json.Nodes;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Microsoft.AspNetCore.WebUtilities;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Domain.Channels.Vk;

/// <summary>VK's API on loopback (<c>/method/{name}</c>) answering whatever a test tells it to, and the bot that talks to it.</summary>
public sealed class VkApiFake : IDisposable
{
    public const string Token = "vk1.a.kT3nBq9XyZ0aL4mNoPqRsTuVwXyZ_0123456789-abcdefGHIJKLmnopQRSTuvwxYZ";
    public const string Community = "214167102";
    public const string Secret = "Qm9yaXMtdGhlLWJvdC1zZWNyZXQtNDgtY2hhcnMtbG9uZy0x";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public BotCredentials Bot => new(1, "Shop", Messenger.Vk, Token, Community, Server.Url, Secret);

    public VkApiFake Answers(string method, string body, int status = 200, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
            response = response.WithDelay(d);
        Server.Given(Request.Create().WithPath($"/method/{method}").UsingPost()).RespondWith(response);
        return this;
    }

    /// <summary>The calls of one method, in order.</summary>
    public List<ILogEntry> Calls(string method) => [.. Server.LogEntries.Where(e => e.RequestMessage.Path == $"/method/{method}")];

    public void Dispose() => Server.Stop();
}

public static class VkForms
{
    /// <summary>A form-encoded request body as a JSON object of its fields, to compare with <see cref="ChannelKit.SameJson"/>.</summary>
    public static JsonObject Form(this ILogEntry entry)
    {
        var fields = QueryHelpers.ParseQuery(entry.RequestMessage.Body ?? "");
        var json = new JsonObject();
        foreach (var (name, values) in fields)
            json[name] = values.ToString();
        return json;
    }

    /// <summary>A fixture with the bot's webhook secret in place of SECRET.</summary>
    public static byte[] Fixture(string name, string secret = VkApiFake.Secret) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(ChannelKit.Fixture("vk", name)).Replace("SECRET", secret));
}
