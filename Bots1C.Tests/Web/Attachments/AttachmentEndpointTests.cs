using System.Net;
using System.Text;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Channels.Telegram;
using Bots1C.Domain.Conversations;
using Bots1C.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Attachments;

/// <summary>
/// <c>/messenger/attachments/{id}</c> on the real app: files customers sent are fetched from a fake Telegram Bot API on
/// loopback (getFile, then the file path), files we sent come from the database.
/// </summary>
public class AttachmentEndpointTests : IAsyncLifetime
{
    private const string Token = MessagePath.TelegramToken;
    private const string OperatorEmail = "operator@example.ru";
    private const string DocumentId = "AwADBAADbXXXXXXXXXXXGBdhD2l6_XX"; // message_document.json
    private const string PhotoId = "AgACAgIAAxkBAAMlarge";             // the largest size in message_photo.json

    private readonly WireMockServer _telegram = WireMockServer.Start();
    private readonly Bots1CAppFactory _app = new Bots1CAppFactory().WithApiKey();
    private string _botKey = "", _secret = "";

    public async Task InitializeAsync()
    {
        var bot = await _app.CreateApiClient().CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = Token, publicBaseUrl = "https://bot.example.ru/bots_unf", apiServerUrl = _telegram.Url,
        });
        _botKey = ApiClient.BotKeyOf(bot);
        _secret = (await _app.StoredBotAsync(bot.GetProperty("id").GetInt64())).WebhookSecret;
        // The sign-in page sends everyone to the first-run setup until an administrator exists.
        await _app.CreateUserAsync("admin@example.ru", HtmlForms.Password, Roles.Administrator);
        await _app.CreateUserAsync(OperatorEmail, HtmlForms.Password, Roles.Operator);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _telegram.Stop();
        return Task.CompletedTask;
    }

    /// <summary>Posts a fixture through the webhook and returns the message it became.</summary>
    private async Task<Message> ReceivedAsync(string fixture)
    {
        var before = (await _app.MessagesAsync()).Count;
        var response = await _app.CreateClient().PostTelegramAsync(_botKey, MessagePath.Fixture("telegram", fixture), _secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = await Eventually.GetAsync(_app.MessagesAsync, m => m.Count > before, $"the message of {fixture} to be stored");
        return messages[^1];
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var client = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(OperatorEmail)).StatusCode);
        return client;
    }

    /// <summary>getFile answers with <paramref name="filePath"/>, and the file path serves <paramref name="content"/>.</summary>
    private void TelegramHasFile(string fileId, string filePath, byte[] content)
    {
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/getFile").UsingPost().WithBody(b => b != null && b.Contains(fileId)))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                $$$"""{"ok":true,"result":{"file_id":"{{{fileId}}}","file_unique_id":"u1","file_size":{{{content.Length}}},"file_path":"{{{filePath}}}"}}"""));
        _telegram.Given(Request.Create().WithPath($"/file/bot{Token}/{filePath}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(content));
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 the customer's invoice");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

    [Fact]
    public async Task A_document_a_customer_sent_downloads_with_its_bytes_type_and_name()
    {
        TelegramHasFile(DocumentId, "documents/file_7.pdf", Pdf);
        var message = await ReceivedAsync("message_document.json");

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Testfile.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Fact]
    public async Task A_photo_comes_inline_as_an_image_so_the_page_can_preview_it()
    {
        TelegramHasFile(PhotoId, "photos/file_0.jpg", Jpeg);
        var message = await ReceivedAsync("message_photo.json");

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Download_1_makes_even_a_photo_a_download()
    {
        TelegramHasFile(PhotoId, "photos/file_0.jpg", Jpeg);
        var message = await ReceivedAsync("message_photo.json");

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}?download=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task An_anonymous_request_is_sent_to_sign_in_and_nothing_is_fetched()
    {
        TelegramHasFile(DocumentId, "documents/file_7.pdf", Pdf);
        var message = await ReceivedAsync("message_document.json");
        var path = $"/messenger/attachments/{message.Id}";

        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.RedirectPath());
        Assert.DoesNotContain(_telegram.LogEntries, e => e.RequestMessage.Path.EndsWith("/getFile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_we_sent_is_served_from_storage()
    {
        await ReceivedAsync("message_text.json");
        var contactId = Assert.Single(await _app.ContactsAsync()).Id;
        var sent = await _app.CreateApiClient().PostJsonAsync("/api/v1/messages", new
        {
            contactId,
            file = new { name = "Счёт 42.pdf", mimeType = "application/pdf", contentBase64 = Convert.ToBase64String(Pdf) },
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await sent.ReadJsonAsync()).GetProperty("id").GetInt64();

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Счёт 42.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task A_message_without_a_file_is_not_found()
    {
        var message = await ReceivedAsync("message_text.json");

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_message_that_does_not_exist_is_not_found()
    {
        var response = await (await OperatorAsync()).GetAsync("/messenger/attachments/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_file_too_big_for_the_Bot_API_is_a_502_that_says_so()
    {
        _telegram.Given(Request.Create().WithPath($"/bot{Token}/getFile").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":false,"error_code":400,"description":"Bad Request: file is too big"}"""));
        var message = await ReceivedAsync("message_document.json");

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TelegramAdapter.TooBigReason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unreachable_Bot_API_is_a_502_not_a_500()
    {
        var message = await ReceivedAsync("message_document.json");
        _telegram.Stop();

        var response = await (await OperatorAsync()).GetAsync($"/messenger/attachments/{message.Id}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith("Telegram did not give the file", await response.Content.ReadAsStringAsync());
    }
}
