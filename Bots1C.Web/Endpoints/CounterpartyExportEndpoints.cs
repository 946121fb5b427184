using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Bots1C.Domain.Counterparties;
using Bots1C.Domain.Counterparties.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Web.Endpoints;

public static class CounterpartyExportEndpoints
{
    /// <summary><c>GET /directory/export?type=Counterparty&amp;format=csv|xlsx</c>: the counterparties of a type as a file the import
    /// reads back (the import page's Export buttons; a plain request so the browser saves the file).</summary>
    public static void MapCounterpartyExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/directory/export", ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Administrator},{Roles.Manager}" });

    private static async Task<IResult> ExportAsync(string? type, string? format, CounterpartyImport import, IDbContextFactory<Bots1CDbContext> dbFactory,
        TimeProvider clock, CancellationToken ct)
    {
        type = string.IsNullOrWhiteSpace(type) ? CounterpartyTypes.Counterparty : type.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (!CounterpartyTypes.IsBuiltIn(type) && !await db.CustomCounterpartyTypes.AnyAsync(t => t.Key == type, ct))
                return TypedResults.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: $"There is no counterparty type '{type}'.");
        var rows = await import.ExportRowsAsync(type, ct);
        var name = $"{type}-{clock.GetUtcNow():yyyy-MM-dd}";
        return (format ?? "csv").ToLowerInvariant() switch
        {
            "csv" => TypedResults.File(Spreadsheets.WriteCsv(CounterpartyImport.ExportHeaders, rows), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.File(Spreadsheets.WriteXlsx(type, CounterpartyImport.ExportHeaders, rows),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => TypedResults.Problem(title: "The request could not be read.", statusCode: StatusCodes.Status400BadRequest,
                detail: "format is csv or xlsx."),
        };
    }
}
