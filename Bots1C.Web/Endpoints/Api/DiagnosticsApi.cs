using Bots1C.Domain.Diagnostics;
using Bots1C.Web.Features.Bots.Diagnostics;
using Bots1C.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Bots1C.Web.Endpoints.Api;

public sealed record DiagnosticStepResponse(int Number, DiagnosticStep Step, string Title, StepOutcome Outcome, string? Problem,
    string? ProblemText, string? Fix, IReadOnlyList<string> Evidence, IReadOnlyList<DiagnosticFact> Facts);

public sealed record DiagnosticsResponse(long Id, long BotId, DateTimeOffset At, string? Actor, StepOutcome Outcome, IReadOnlyList<DiagnosticStepResponse> Steps)
{
    /// <summary>Texts follow the request's language (Accept-Language; English by default), as the pages do.</summary>
    public static DiagnosticsResponse From(DiagnosticReport report, IStringLocalizer<SharedResource> l) =>
        new(report.Id, report.BotId, report.At, report.Actor, report.Outcome, report.Steps.Select(s => new DiagnosticStepResponse(
            (int)s.Step, s.Step, l.Step(s.Step), s.Outcome, s.Problem, l.Problem(s.Problem), l.Fix(s.Problem),
            s.Facts.Select(l.Fact).ToList(), s.Facts)).ToList());
}

/// <summary><c>POST /api/v1/bots/{id}/diagnostics</c> runs the six steps (saved, as from the page); <c>GET</c> reads the last run.</summary>
public static class DiagnosticsApi
{
    public static RouteGroupBuilder MapDiagnosticsApi(this RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").WithTags("Diagnostics");
        bots.MapPost("/{id:long}/diagnostics", RunAsync);
        bots.MapGet("/{id:long}/diagnostics", LastAsync);
        return api;
    }

    private static async Task<Results<Ok<DiagnosticsResponse>, NotFound>> RunAsync(long id, DiagnosticsRunner runner,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct) =>
        await runner.RunAsync(id, BotsApi.Actor(http), ct: ct) is { } report
            ? TypedResults.Ok(DiagnosticsResponse.From(report, l))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<DiagnosticsResponse>, NotFound>> LastAsync(long id, DiagnosticsRunner runner,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        await runner.LastAsync(id, ct) is { } report ? TypedResults.Ok(DiagnosticsResponse.From(report, l)) : TypedResults.NotFound();
}
