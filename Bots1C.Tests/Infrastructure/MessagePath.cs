using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Conversations;
using Bots1C.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Infrastructure;

/// <summary>Helpers for tests that push updates through the real webhook and look at what got stored.</summary>
public static class MessagePath
{
    public const string TelegramToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx";
    public const string ViberToken = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";

    public static async Task<Bot> StoredBotAsync(this Bots1CAppFactory app, long id)
    {
        await using var db = await app.Db();
        return await db.Bots.AsNoTracking().FirstAsync(b => b.Id == id);
    }

    public static Task<Bots1CDbContext> Db(this Bots1CAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>().CreateDbContextAsync();

    public static async Task<List<Message>> MessagesAsync(this Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Messages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<InboxUpdate>> InboxAsync(this Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Inbox.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    public static async Task<List<Contact>> ContactsAsync(this Bots1CAppFactory app)
    {
        await using var db = await app.Db();
        return await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }

    public static Task<List<InboxUpdate>> ProcessedInboxAsync(this Bots1CAppFactory app, int count) =>
        Eventually.GetAsync(app.InboxAsync, rows => rows.Count >= count && rows.All(r => r.State != InboxState.Pending),
            $"{count} inbox row(s) to be processed");

    public static Task<HttpResponseMessage> PostTelegramAsync(this HttpClient client, string botKey, byte[] body, string? secret) =>
        client.PostWebhookAsync(botKey, body, "X-Telegram-Bot-Api-Secret-Token", secret);

    public static Task<HttpResponseMessage> PostViberAsync(this HttpClient client, string botKey, byte[] body, string? signature) =>
        client.PostWebhookAsync(botKey, body, "X-Viber-Content-Signature", signature);

    private static Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, string botKey, byte[] body, string header, string? value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{botKey}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (value is not null)
            request.Headers.Add(header, value);
        return client.SendAsync(request);
    }

    /// <summary>The database file of a stopped app, opened directly: what a crashed process left behind.</summary>
    public static Bots1CDbContext OpenStoppedDatabase(string dataPath)
    {
        var options = new DbContextOptionsBuilder<Bots1CDbContext>();
        DatabaseProvider.Configure(options, new DatabaseOptions(), new DataFolder(dataPath));
        return new Bots1CDbContext(options.Options);
    }

    public static string ViberSignature(byte[] body, string token = ViberToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body));

    public static byte[] Fixture(string messenger, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", messenger, name));

    /// <summary>A Telegram text update with the given ids, for tests that need many distinct updates.</summary>
    public static byte[] TelegramText(long updateId, long chatId, string text) => Encoding.UTF8.GetBytes($$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1441645532,
         "chat":{"id":{{{chatId}}},"type":"private","first_name":"Ivan"},
         "from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Ivan","username":"ivan{{{chatId}}}","language_code":"ru"},
         "text":"{{{text}}}"}}
        """);
}
