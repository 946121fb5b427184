using System.Net;
using System.Text.Json;
using Bots1C.Domain.Dashboard;
using Bots1C.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Bots1C.Tests.Web.Diagnostics;

/// <summary><c>POST /api/v1/bots/{id}/diagnostics</c> on a real Kestrel: each step's outcome, problem, evidence and fix.</summary>
public class DiagnosticsApiTests
{
    private static JsonElement Step(JsonElement report, string step) =>
        report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step);

    private static string Evidence(JsonElement step) =>
        string.Join("\n", step.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public async Task Diagnostics_of_an_unknown_bot_are_404()
    {
        using var app = new Bots1CAppFactory().WithApiKey();

        var response = await app.CreateApiClient().PostAsync("/api/v1/bots/999/diagnostics", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_publication_check_fails_and_names_the_case_when_the_bots_publication_name_differs_in_case()
    {
        using var app = new Bots1CAppFactory().WithApiKey().With("PathBase", "/bots_unf");
        var appUrl = app.StartOnKestrel();
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl + "/Bots_UNF" });

        var response = await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        var step = Step(report, "LocalPublication");
        Assert.Equal("Fail", step.GetProperty("outcome").GetString());
        Assert.Equal("PathCaseMismatch", step.GetProperty("problem").GetString());
        Assert.Contains("/Bots_UNF", Evidence(step));
        Assert.Contains("/bots_unf", Evidence(step));
        Assert.Contains("case-sensitive", step.GetProperty("fix").GetString());
        Assert.Equal("Fail", report.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_publication_check_passes_when_the_webhook_answers_Status_Ready_under_the_exact_publication_name()
    {
        using var app = new Bots1CAppFactory().WithApiKey().With("PathBase", "/bots_unf");
        var appUrl = app.StartOnKestrel();
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl + "/bots_unf" });

        var report = await (await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics", null)).ReadJsonAsync();
        var saved = await (await api.GetAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics")).ReadJsonAsync();

        var step = Step(report, "LocalPublication");
        Assert.True(step.GetProperty("outcome").GetString() == "Pass", Evidence(step));
        Assert.Equal(report.GetProperty("id").GetInt64(), saved.GetProperty("id").GetInt64());
        Assert.Equal(Evidence(step), Evidence(Step(saved, "LocalPublication")));
        Assert.Contains("Status: Ready", Evidence(step));
        Assert.Equal("Skipped", Step(report, "Certificate").GetProperty("outcome").GetString());
        Assert.Equal("Pass", Step(report, "Installation").GetProperty("outcome").GetString());
        Assert.Equal("Pass", Step(report, "License").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Reachability_from_outside_is_not_judged_for_an_address_of_this_computer()
    {
        using var app = new Bots1CAppFactory().WithApiKey();
        var appUrl = app.StartOnKestrel();
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new { name = "Site chat", messenger = "WebChat", publicBaseUrl = appUrl });

        var report = await (await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics", null)).ReadJsonAsync();

        var step = Step(report, "OutsideReach");
        Assert.Equal(("Warn", "LoopbackOnly"), (step.GetProperty("outcome").GetString(), step.GetProperty("problem").GetString()));
        Assert.Contains("Status: Ready", Evidence(step));
        Assert.Contains("cannot reach it", Evidence(step));
    }

    [Fact]
    public async Task The_messengers_view_reports_Telegrams_last_error_message_and_the_dashboard_keeps_it()
    {
        using var telegram = WireMockServer.Start();
        using var app = new Bots1CAppFactory().WithApiKey().With("Bots1C:Diagnostics:TimeoutSeconds", "2");
        var api = app.CreateApiClient();
        var bot = await api.CreateBotAsync(new
        {
            name = "Shop", messenger = "Telegram", token = MessagePath.TelegramToken, publicBaseUrl = "https://bot.example.ru/bots_unf",
            apiServerUrl = telegram.Url,
        });
        var webhookUrl = bot.GetProperty("webhookUrl").GetString();
        var lastError = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds();
        telegram.Given(Request.Create().WithPath($"/bot{MessagePath.TelegramToken}/getWebhookInfo").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$$"""
                {"ok":true,"result":{"url":"{{{webhookUrl}}}","has_custom_certificate":false,"pending_update_count":7,
                 "last_error_date":{{{lastError}}},"last_error_message":"SSL error {error:0A000086:SSL routines::certificate verify failed}","max_connections":40}}
                """));

        var report = await (await api.PostAsync($"/api/v1/bots/{bot.GetProperty("id").GetInt64()}/diagnostics", null)).ReadJsonAsync();

        var step = Step(report, "MessengerView");
        Assert.Equal("Fail", step.GetProperty("outcome").GetString());
        Assert.Equal("MessengerDeliveryFails", step.GetProperty("problem").GetString());
        Assert.Contains("certificate verify failed", Evidence(step));
        Assert.Contains("7", Evidence(step));
        var tile = Assert.Single(await app.Services.GetRequiredService<DashboardQueries>().TilesAsync());
        Assert.Equal((7, "SSL error {error:0A000086:SSL routines::certificate verify failed}"), (tile.PendingUpdates, tile.LastWebhookError));
        Assert.Equal(Bots1C.Domain.Diagnostics.StepOutcome.Fail, tile.DiagnosticsOutcome);
    }
}
