using Bots1C.Domain.Bots;
using Bots1C.Domain.Scenarios;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>/api/v1/bots: the same bots, fields and validation as the bot pages, with the bot's scenarios.</summary>
public static class BotsApi
{
    private const string UnknownScenarios = "The request names scenarios that do not exist.";

    public static RouteGroupBuilder MapBotsApi(this RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").WithTags("Bots");
        bots.MapGet("", ListAsync);
        bots.MapPost("", CreateAsync);
        bots.MapGet("/{id:long}", GetAsync);
        bots.MapPut("/{id:long}", UpdateAsync);
        bots.MapDelete("/{id:long}", DeleteAsync);
        bots.MapPost("/{id:long}/webhook", RegisterWebhookAsync);
        bots.MapPost("/{id:long}/check", CheckAsync);
        return api;
    }

    private static async Task<Ok<BotResponse[]>> ListAsync(BotCatalog catalog, BotScenarioSettings scenarios, CancellationToken ct)
    {
        var bots = await catalog.ListAsync(ct);
        var settings = await scenarios.ForBotsAsync(bots.Select(b => b.Id).ToList(), ct);
        return TypedResults.Ok(bots.Select(b => BotResponse.From(b, settings.GetValueOrDefault(b.Id))).ToArray());
    }

    private static async Task<Results<Ok<BotResponse>, NotFound>> GetAsync(long id, BotCatalog catalog, BotScenarioSettings scenarios, CancellationToken ct) =>
        await catalog.GetAsync(id, ct) is { } bot ? TypedResults.Ok(BotResponse.From(bot, await scenarios.GetAsync(id, ct))) : TypedResults.NotFound();

    // Scenario ids are checked before the bot is written, so a request naming unknown ones changes nothing.
    private static async Task<Results<Created<BotResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        BotRequest request, BotCatalog catalog, BotScenarioSettings scenarios, HttpContext http, CancellationToken ct)
    {
        var choice = request.ToScenarioChoice();
        if (await scenarios.ValidateAsync(choice, ct) is { Count: > 0 } unknown)
            return UnprocessableProblems.From(unknown, UnknownScenarios);
        var change = await catalog.CreateAsync(request.ToInput(), Actor(http), ct);
        if (change.LicenseRefusal is { } refusal)
            return LicenseProblems.From(refusal);
        if (!change.Succeeded)
            return ValidationProblems.From(change.Errors);
        var set = await scenarios.SetAsync(change.Bot!.Id, choice, Actor(http), ct);
        if (!set.Succeeded)
            return UnprocessableProblems.From(set.Errors, UnknownScenarios);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/bots/{change.Bot!.Id}", BotResponse.From(change.Bot, set.Settings));
    }

    private static async Task<Results<Ok<BotResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, BotRequest request, BotCatalog catalog, BotScenarioSettings scenarios, HttpContext http, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is null)
            return TypedResults.NotFound();
        var choice = request.NamesScenarios ? request.ToScenarioChoice() : await scenarios.GetAsync(id, ct) ?? request.ToScenarioChoice();
        if (await scenarios.ValidateAsync(choice, ct) is { Count: > 0 } unknown)
            return UnprocessableProblems.From(unknown, UnknownScenarios);
        var change = await catalog.UpdateAsync(id, request.ToInput(), Actor(http), ct);
        if (change.NotFound)
            return TypedResults.NotFound();
        if (change.LicenseRefusal is { } refusal)
            return LicenseProblems.From(refusal);
        if (!change.Succeeded)
            return ValidationProblems.From(change.Errors);
        var set = await scenarios.SetAsync(id, choice, Actor(http), ct);
        if (set.NotFound)
            return TypedResults.NotFound();
        return set.Succeeded ? TypedResults.Ok(BotResponse.From(change.Bot!, set.Settings)) : UnprocessableProblems.From(set.Errors, UnknownScenarios);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, BotCatalog catalog, HttpContext http, CancellationToken ct) =>
        await catalog.MarkForDeletionAsync(id, Actor(http), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<ConnectionResponse>, NotFound>> RegisterWebhookAsync(
        long id, BotConnection connection, HttpContext http, CancellationToken ct) =>
        await connection.RegisterWebhookAsync(id, Actor(http), ct) is { } outcome
            ? TypedResults.Ok(new ConnectionResponse(outcome.Ok, outcome.Reason))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ConnectionResponse>, NotFound>> CheckAsync(
        long id, BotConnection connection, HttpContext http, CancellationToken ct) =>
        await connection.CheckAsync(id, Actor(http), ct) is { } outcome
            ? TypedResults.Ok(new ConnectionResponse(outcome.Ok, outcome.Reason))
            : TypedResults.NotFound();

    internal static string Actor(HttpContext http) => http.User.Identity?.Name ?? "API";
}
