using System.Globalization;
using Bots1C.Domain.EventLog;

namespace Bots1C.Web.Endpoints;

/// <summary><c>GET /admin/events/export.csv</c>: the event log page's filter, as a file for Excel or a support request.</summary>
public static class EventLogExportEndpoints
{
    public const string Path = "/admin/events/export.csv";

    public static void MapEventLogExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync).RequireAuthorization(p => p.RequireRole(Domain.Accounts.Roles.Administrator));

    private static async Task<IResult> ExportAsync(HttpContext http, EventLogExport export, TimeProvider clock,
        DateTimeOffset? from, DateTimeOffset? to, string? level, string? source, string? text)
    {
        EventLevel? parsedLevel = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (!Enum.TryParse<EventLevel>(level, ignoreCase: true, out var l) || !Enum.IsDefined(l))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Unknown level '{level}': use Information, Warning or Error.");
            parsedLevel = l;
        }
        var name = $"events-{clock.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await export.WriteCsvAsync(new EventLogFilter(from, to, parsedLevel, source, text), http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>The export link for the page's current filter.</summary>
    public static string Link(EventLogFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = filter.From?.ToString("o", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("o", CultureInfo.InvariantCulture),
            ["level"] = filter.Level?.ToString(),
            ["source"] = filter.Source,
            ["text"] = filter.Text,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path.TrimStart('/'), query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
