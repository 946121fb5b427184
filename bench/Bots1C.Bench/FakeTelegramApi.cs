using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bots1C.Bench;

/// <summary>
/// The Telegram Bot API on a loopback port: every <c>POST /bot{token}/{method}</c> is answered at once with
/// <c>{"ok":true,"result":…}</c> (getMe a bot, sendMessage a message, anything else <c>true</c>), and counted.
/// A bot created with <c>apiServerUrl</c> pointing here talks to it instead of api.telegram.org.
/// </summary>
public sealed class FakeTelegramApi : IAsyncDisposable
{
    private const string Me = """{"ok":true,"result":{"id":7000000,"is_bot":true,"first_name":"Bench","username":"bench_bot"}}""";
    private const string Sent = """{"ok":true,"result":{"message_id":4242,"date":1441645532,"chat":{"id":1,"type":"private"},"text":"ok"}}""";
    private const string True = """{"ok":true,"result":true}""";

    private readonly WebApplication _app;

    private FakeTelegramApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Calls received, by method name.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Every <c>sendMessage</c>: its <c>chat_id</c> and when it arrived (a Stopwatch timestamp taken before the body
    /// is read), in arrival order. The reply benchmark pairs them with the updates that caused them.</summary>
    public ConcurrentQueue<(string ChatId, long At)> SentMessages { get; } = new();

    /// <summary>Every <c>sendMessage</c>'s <c>chat_id</c> and <c>text</c>, in arrival order (the crash run reads which
    /// update a reply answers from its text).</summary>
    public ConcurrentQueue<(string ChatId, string? Text)> SentTexts { get; } = new();

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTelegramApi? fake = null;
        app.MapPost("/{**path}", async (string path, HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            var method = path[(path.LastIndexOf('/') + 1)..];
            fake!.Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
            if (method == "sendMessage" && await ChatIdAndTextAsync(request) is ({ } chatId, var text))
            {
                fake.SentMessages.Enqueue((chatId, at));
                fake.SentTexts.Enqueue((chatId, text));
            }
            var body = method switch
            {
                "getMe" => Me,
                "sendMessage" => Sent,
                _ => True,
            };
            return Results.Text(body, "application/json");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        fake = new FakeTelegramApi(app, url);
        return fake;
    }

    /// <summary>The <c>chat_id</c> and <c>text</c> of a JSON request (how Telegram.Bot sends messages without files), or nulls.</summary>
    private static async Task<(string? ChatId, string? Text)> ChatIdAndTextAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return (null, null);
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var chatId = json.RootElement.TryGetProperty("chat_id", out var id)
                ? id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString()
                : null;
            var text = json.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (chatId, text);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
