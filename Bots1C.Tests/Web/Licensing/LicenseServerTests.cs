using System.Net;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Licensing.Server;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Web.Licensing;

/// <summary>License server mode: the vendor's app issues keys for registered contracts, one working license per contract,
/// and answers wrong licensee data as the original did.</summary>
public sealed class LicenseServerTests : IAsyncLifetime
{
    private const string Inn = "7707083893", Contract = "Д-15/2026";
    private readonly TempFolder _keys = new();
    private readonly System.Security.Cryptography.ECDsa _vendor = LicenseKeys.NewKey();
    private Bots1CAppFactory _server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(PrivateKeyFile, LicenseKeys.PrivatePem(_vendor));
        _server = NewServer();
    }

    private string PrivateKeyFile => Path.Combine(_keys.Path, "vendor.private.pem");

    private Bots1CAppFactory NewServer() =>
        new Bots1CAppFactory().With("Bots1C:Licensing:Server:PrivateKeyFile", PrivateKeyFile).With("Bots1C:Licensing:Server:KeyId", "vendor-x");

    private static Task RegisterContractAsync(Bots1CAppFactory server) =>
        server.Services.GetRequiredService<LicenseIssuer>().AddContractAsync(Inn, Contract, null, null, 1, false);

    private async Task<HttpResponseMessage> RequestAsync(object body)
    {
        await RegisterContractAsync(_server);
        return await _server.CreateClient().PostJsonAsync("/api/license/requests", body);
    }


    private static object Working(string inn = Inn, string contract = Contract, string webhookUrl = "https://Bots.Example.ru/bots_unf") =>
        new { type = "Working", inn, contract, webhookUrl };

    [Fact]
    public async Task A_working_request_for_a_registered_contract_gets_a_key_bound_to_the_webhooks_host()
    {
        var response = await RequestAsync(Working());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = (await response.ReadJsonAsync()).GetProperty("key").GetString();
        var verified = LicenseKeys.Verify(key, new Dictionary<string, System.Security.Cryptography.ECDsa> { ["vendor-x"] = _vendor }, "any", DateTimeOffset.UtcNow);
        Assert.Equal(KeyCheck.Valid, verified.Check);
        Assert.Equal((LicenseType.Working, "bots.example.ru", Inn, Contract), (verified.License!.Type, verified.License.WebhookHost, verified.License.Inn, verified.License.Contract));
    }

    [Fact]
    public async Task A_second_working_request_for_the_same_contract_is_refused_as_licenses_exceeded()
    {
        (await RequestAsync(Working())).EnsureSuccessStatusCode();

        var second = await RequestAsync(Working(webhookUrl: "https://other.example.ru/bots"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("LicensesExceeded", (await second.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_inn_with_wrong_check_digits_is_refused_as_incorrect_licensee_data()
    {
        var response = await RequestAsync(Working(inn: "7707083890"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("LicenseeIncorrect", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_contract_is_refused_as_incorrect_licensee_data()
    {
        var response = await RequestAsync(Working(contract: "Д-99/2026"));

        Assert.Equal("LicenseeIncorrect", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Test_licenses_may_be_requested_any_number_of_times_and_are_bound_to_the_installation()
    {
        var first = await RequestAsync(new { type = "Test", inn = Inn, contract = Contract, installationId = "inst-7" });
        var second = await RequestAsync(new { type = "Test", inn = Inn, contract = Contract, installationId = "inst-7" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var key = (await second.ReadJsonAsync()).GetProperty("key").GetString();
        var verified = LicenseKeys.Verify(key, new Dictionary<string, System.Security.Cryptography.ECDsa> { ["vendor-x"] = _vendor }, "inst-7", DateTimeOffset.UtcNow);
        Assert.Equal((KeyCheck.Valid, 1, 3), (verified.Check, verified.License!.ActiveBots, verified.License.ContactsPerBot));
    }

    [Fact]
    public async Task A_request_without_its_fields_is_a_validation_problem_naming_them()
    {
        var response = await RequestAsync(new { type = "Working" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("inn", out _) && errors.TryGetProperty("contract", out _) && errors.TryGetProperty("webhookUrl", out _), errors.ToString());
    }

    [Fact]
    public async Task An_installation_that_is_not_a_license_server_has_no_such_endpoint()
    {
        using var customer = new Bots1CAppFactory();

        var response = await customer.CreateClient().PostJsonAsync("/api/license/requests", Working());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_license_page_client_gets_a_working_key_from_the_server_and_installs_it()
    {
        using var server = NewServer();
        var serverUrl = server.StartOnKestrel();
        await RegisterContractAsync(server);
        using var customer = new Bots1CAppFactory().WithoutLicense()
            .With("Bots1C:Licensing:ServerUrl", serverUrl).With("Bots1C:Licensing:VendorKeys:vendor-x", LicenseKeys.PublicPem(_vendor));

        var answer = await customer.Services.GetRequiredService<LicenseServerClient>()
            .RequestAsync(new LicenseRequest(LicenseType.Working, Inn, Contract, "https://bots.example.ru/bots_unf", null));
        var installed = await customer.Services.GetRequiredService<LicenseStore>().InstallAsync(answer.Key!, "test");

        Assert.Null(answer.Refusal);
        Assert.Equal(KeyCheck.Valid, installed.Check);
        Assert.Equal("bots.example.ru", (await customer.Services.GetRequiredService<LicenseStore>().StatusAsync()).License!.WebhookHost);
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        _keys.Dispose();
        _vendor.Dispose();
        return Task.CompletedTask;
    }
}
