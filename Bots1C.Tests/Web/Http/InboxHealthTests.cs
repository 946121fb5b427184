using System.Net;
using Bots1C.Domain.Data;
using Bots1C.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Bots1C.Tests.Web.Http;

/// <summary>A monitor learns that updates are not being stored: /health is Degraded while the inbox writer cannot
/// commit (here another program holds the database's write lock), and Healthy again once it can.</summary>
public class InboxHealthTests
{
    [Fact]
    public async Task Health_is_Degraded_while_the_inbox_cannot_commit_and_Healthy_once_it_can_again()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var bot = await app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/Bots_UNF",
        });
        var secret = (await app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        Task<HttpResponseMessage> webhook;
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(app.DataPath, DatabaseProvider.SqliteFileName)}"))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            webhook = client.PostTelegramAsync(ApiClient.BotKeyOf(bot), MessagePath.TelegramText(1, 42, "Привет"), secret);

            var health = await Eventually.GetAsync(() => client.GetAsync("/health"), r => r.Content.ReadAsStringAsync().Result == "Degraded",
                "health to report the inbox that cannot commit", seconds: 20);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // still serving: degraded, not down
            Assert.False(webhook.IsCompleted, "the update is not acknowledged before it is stored");

            await using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await webhook).StatusCode);
        await Eventually.GetAsync(() => client.GetStringAsync("/health"), s => s == "Healthy", "health to recover once the inbox commits");
    }
}
