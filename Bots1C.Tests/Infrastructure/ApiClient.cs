using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bots1C.Tests.Infrastructure;

/// <summary>Calls the REST API the way 1C would: JSON, enums by name, the key in X-Api-Key.</summary>
public static class ApiClient
{
    public const string Key = "b1c_test-key-for-the-rest-api";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>An app with an API key made the unattended way (Bots1C:Bootstrap:ApiKey).</summary>
    public static Bots1CAppFactory WithApiKey(this Bots1CAppFactory app) => app.With("Bots1C:Bootstrap:ApiKey", Key);

    public static HttpClient CreateApiClient(this Bots1CAppFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static async Task<JsonElement> CreateBotAsync(this HttpClient client, object bot)
    {
        var response = await client.PostJsonAsync("/api/v1/bots", bot);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static string BotKeyOf(JsonElement bot) => bot.GetProperty("webhookUrl").GetString()!.Split('/')[^1];
}
