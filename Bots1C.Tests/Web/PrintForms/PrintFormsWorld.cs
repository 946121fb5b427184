using System.Text.Json;
using Bots1C.Domain.PrintForms;
using Bots1C.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.PrintForms;

/// <summary>
/// The app with a Telegram bot whose Bot API is a WireMock fake on loopback, two customers who wrote to it, and the
/// counterparty "ООО «Ёлка»" both are linked to; a second counterparty without contacts.
/// </summary>
public class PrintFormsWorld : IAsyncLifetime
{
    public const string Token = MessagePath.TelegramToken;
    public const string CounterpartyInn = "7736050003";
    private const string Sent = """{"ok":true,"result":{"message_id":777,"date":1441645532,"chat":{"id":1111111,"type":"private"},"text":"ok"}}""";

    public readonly WireMockServer Telegram = WireMockServer.Start();
    public Bots1CAppFactory App { get; }
    public HttpClient Api { get; private set; } = default!;
    public long CounterpartyId { get; private set; }
    public long LonelyCounterpartyId { get; private set; }
    public IReadOnlyList<long> ContactIds { get; private set; } = [];
    public string BotKey { get; private set; } = "";
    public long BotId { get; private set; }
    public string Secret { get; private set; } = "";

    public PrintFormsWorld() => App = new Bots1CAppFactory().WithApiKey();

    /// <summary>Browser tests serve the app on a real loopback port.</summary>
    protected virtual bool OnKestrel => false;
    public string AppUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Telegram.Given(Request.Create().WithPath($"/bot{Token}/sendDocument").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Sent));
        Telegram.Given(Request.Create().WithPath($"/bot{Token}/sendMessage").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Sent));
        if (OnKestrel)
            AppUrl = App.StartOnKestrel();
        Api = App.CreateApiClient();
        var bot = await Api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = Token, publicBaseUrl = "https://bot.example.ru", apiServerUrl = Telegram.Url,
        });
        Secret = (await App.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        BotKey = ApiClient.BotKeyOf(bot);
        BotId = bot.GetProperty("id").GetInt64();
        var web = App.CreateClient();
        await web.PostTelegramAsync(BotKey, MessagePath.TelegramText(1, 5001, "Здравствуйте"), Secret);
        await web.PostTelegramAsync(BotKey, MessagePath.TelegramText(2, 5002, "Добрый день"), Secret);
        await App.ProcessedInboxAsync(2);
        ContactIds = (await App.ContactsAsync()).Select(c => c.Id).ToList();

        CounterpartyId = await CreateCounterpartyAsync("ООО «Ёлка»", CounterpartyInn);
        LonelyCounterpartyId = await CreateCounterpartyAsync("ИП Одиноков", "500100732259");
        foreach (var contact in ContactIds)
            (await Api.PostJsonAsync($"/api/v1/contacts/{contact}/link", new { counterpartyId = CounterpartyId })).EnsureSuccessStatusCode();
        await App.Services.GetRequiredService<OrganisationSettings>().SaveAsync(Bots1C.Tests.Domain.PrintForms.FormSamples.Organisation);
    }

    private async Task<long> CreateCounterpartyAsync(string name, string inn)
    {
        var response = await Api.PostJsonAsync("/api/v1/counterparties", new { name, inn });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    public IReadOnlyList<ILogEntry> Calls(string method) =>
        Telegram.LogEntries.Where(e => e.RequestMessage.Path == $"/bot{Token}/{method}").ToList();

    public Task<IReadOnlyList<ILogEntry>> CallsAsync(string method, int count) =>
        Eventually.GetAsync(() => Task.FromResult(Calls(method)), calls => calls.Count >= count, $"{count} call(s) of {method}");

    public async Task<int> QueuedCountAsync()
    {
        await using var db = await App.Db();
        return await db.Outbox.CountAsync() + await db.PrintFormDeliveries.CountAsync();
    }

    public async Task<long> InvoiceAsync(string number, params (string Name, decimal Quantity, decimal Price)[] lines)
    {
        var change = await App.Services.GetRequiredService<PrintDocuments>().CreateAsync(new PrintDocumentInput(DocumentKind.Invoice, number,
            new DateOnly(2026, 11, 28), CounterpartyId, "Договор № 7",
            lines.Select(l => new PrintDocumentLineInput(l.Name, l.Quantity, "шт", l.Price, 20)).ToList()));
        return change.Document!.Id;
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        Telegram.Stop();
        return Task.CompletedTask;
    }

    public static JsonElement Errors(JsonElement problem) => problem.GetProperty("errors");
}
