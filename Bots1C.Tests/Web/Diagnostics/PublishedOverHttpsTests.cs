using System.Text.Json;
using Bots1C.Domain.Diagnostics;
using Bots1C.Tests.Domain.Diagnostics;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary>Steps 4 and 5 through the API against an HTTPS "reverse proxy" on loopback that answers "Status: Ready";
/// the app trusts the test's own root through the injectable <see cref="CertificateTrust"/>.</summary>
public class PublishedOverHttpsTests
{
    private readonly TestCertificates _ca = new();

    private async Task<JsonElement> DiagnoseAsync(TestHttpsServer proxy)
    {
        using var app = new Bots1CAppFactory().WithApiKey().WithServices(s => s.AddSingleton(new CertificateTrust(_ca.Root)));
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = $"https://localhost:{proxy.Port}" });
        return await (await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics", null)).ReadJsonAsync();
    }

    private static (string?, string?) Outcome(JsonElement report, string step) =>
        report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step) is var s
            ? (s.GetProperty("outcome").GetString(), s.GetProperty("problem").GetString())
            : default;

    [Fact]
    public async Task A_properly_published_webhook_answers_step_4_and_passes_the_certificate_step()
    {
        await using var proxy = await TestHttpsServer.StartAsync(_ca.Leaf("localhost"), [_ca.Intermediate]);

        var report = await DiagnoseAsync(proxy);

        // Served on this computer, so step 4 reads "Status: Ready" and then says it cannot judge the internet's view.
        Assert.Equal(("Warn", "LoopbackOnly"), Outcome(report, "OutsideReach"));
        Assert.Equal(("Pass", null), Outcome(report, "Certificate"));
    }

    [Fact]
    public async Task A_missing_intermediate_fails_the_https_request_of_step_4_and_is_named_by_step_5()
    {
        await using var proxy = await TestHttpsServer.StartAsync(_ca.Leaf("localhost"));

        var report = await DiagnoseAsync(proxy);

        Assert.Equal(("Fail", "HttpsRefused"), Outcome(report, "OutsideReach"));
        Assert.Equal(("Fail", CertificateProblems.MissingIntermediate), Outcome(report, "Certificate"));
    }
}
