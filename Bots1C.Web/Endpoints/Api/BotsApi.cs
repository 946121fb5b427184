using Bots1C.Domain.Bots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bots1C.Web.Endpoints.Api;

/// <summary>/api/v1/bots: the same bots, fields and validation as the bot pages.</summary>
public static class BotsApi
{
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

    private static async Task<Ok<BotResponse[]>> ListAsync(BotCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.ListAsync(ct)).Select(BotResponse.From).ToArray());

    private static async Task<Results<Ok<BotResponse>, NotFound>> GetAsync(long id, BotCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(id, ct) is { } bot ? TypedResults.Ok(BotResponse.From(bot)) : TypedResults.NotFound();

    private static async Task<Results<Created<BotResponse>, ValidationProblem>> CreateAsync(
        BotRequest request, BotCatalog catalog, HttpContext http, CancellationToken ct)
    {
        var change = await catalog.CreateAsync(request.ToInput(), Actor(http), ct);
        if (!change.Succeeded)
            return ValidationProblems.From(change.Errors);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/bots/{change.Bot!.Id}", BotResponse.From(change.Bot));
    }

    private static async Task<Results<Ok<BotResponse>, NotFound, ValidationProblem>> UpdateAsync(
        long id, BotRequest request, BotCatalog catalog, HttpContext http, CancellationToken ct)
    {
        var change = await catalog.UpdateAsync(id, request.ToInput(), Actor(http), ct);
        if (change.NotFound)
            return TypedResults.NotFound();
        return change.Succeeded ? TypedResults.Ok(BotResponse.From(change.Bot!)) : ValidationProblems.From(change.Errors);
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
