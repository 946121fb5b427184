using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Bench;

/// <summary>
/// A Telegram bot of the app under test, created through the REST API as 1C would (its Bot API pointed at a fake on
/// loopback), and the webhook POSTs Telegram would send it.
/// </summary>
public sealed record TelegramBot(long Id, string Key, string Secret, string Token)
{
    /// <summary>Creates the bot; <paramref name="number"/> makes its token (and so its Bot API path) its own.</summary>
    public static async Task<TelegramBot> CreateAsync(BenchApp app, string name, string apiServerUrl, int number = 0)
    {
        var token = $"{123456789 + number}:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx";
        using var api = app.ApiClient();
        var created = await api.PostAsJsonAsync("/api/v1/bots", new
        {
            name, messenger = "Telegram", token, publicBaseUrl = "https://bench.example.ru", apiServerUrl,
        });
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating the bot answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var bot = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = bot.GetProperty("id").GetInt64();
        var key = bot.GetProperty("webhookUrl").GetString()!.Split('/')[^1];
        // The secret Telegram would send back is not in the API's answer (only stored): read it as the tests do.
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var secret = (await db.Bots.AsNoTracking().FirstAsync(b => b.Id == id)).WebhookSecret;
        return new TelegramBot(id, key, secret, token);
    }

    /// <summary>POSTs one update to the bot's webhook as Telegram does; true when answered 200.</summary>
    public async Task<bool> PostAsync(HttpClient http, byte[] body, string path = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.Length > 0 ? path : $"/webhooks/{Key}")
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>A Telegram text update whose message id is its update id (unique, so what it caused can be traced back to it).</summary>
    public static byte[] TextUpdate(long updateId, long chatId, string text) => Encoding.UTF8.GetBytes($$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1441645532,
         "chat":{"id":{{{chatId}}},"type":"private","first_name":"Ivan"},
         "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Ivan","username":"ivan{{{chatId}}}","language_code":"ru"},
         "text":"{{{text}}}"}}
        """);
}
