using System.Net;
using System.Net.Sockets;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Licensing.Server;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>"Get license" when the license server misbehaves: each failure is one of the original's errors. The server
/// is a fake on loopback.</summary>
public sealed class LicenseServerClientTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private static readonly LicenseRequest Request = new(LicenseType.Working, "7707083893", "Д-15/2026", "https://bots.example.ru/bots_unf", "inst-1");

    private static async Task<LicenseError?> AskAsync(string serverUrl, int timeoutSeconds = 30)
    {
        using var app = new Bots1CAppFactory().With("Bots1C:Licensing:ServerUrl", serverUrl)
            .With("Bots1C:Licensing:ServerTimeoutSeconds", timeoutSeconds.ToString());
        var answer = await app.Services.GetRequiredService<LicenseServerClient>().RequestAsync(Request);
        return answer.Refusal?.Error;
    }

    private void Answer(int status, string body = "", TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/problem+json").WithBody(body);
        _server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/license/requests").UsingPost())
            .RespondWith(delay is { } d ? response.WithDelay(d) : response);
    }

    [Fact]
    public async Task A_server_nobody_listens_on_is_no_connection()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        Assert.Equal(LicenseError.NoConnection, await AskAsync($"http://127.0.0.1:{closedPort}"));
    }

    [Fact]
    public async Task A_404_is_try_again_later()
    {
        Answer(404, "<html>Not found</html>");

        Assert.Equal(LicenseError.ServerUnavailable, await AskAsync(_server.Url!));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_try_again_later()
    {
        Answer(200, """{"key":"late"}""", TimeSpan.FromSeconds(4));

        Assert.Equal(LicenseError.ServerUnavailable, await AskAsync(_server.Url!, timeoutSeconds: 1));
    }

    [Fact]
    public async Task Incorrect_licensee_data_is_said_as_such()
    {
        Answer(422, """{"title":"Licensee data is incorrect!","status":422,"code":"LicenseeIncorrect"}""");

        Assert.Equal(LicenseError.LicenseeIncorrect, await AskAsync(_server.Url!));
    }

    [Fact]
    public async Task A_contract_whose_license_was_already_issued_is_licenses_exceeded()
    {
        Answer(409, """{"title":"exceeded","status":409,"code":"LicensesExceeded"}""");

        Assert.Equal(LicenseError.LicensesExceeded, await AskAsync(_server.Url!));
    }

    public void Dispose() => _server.Stop();
}
