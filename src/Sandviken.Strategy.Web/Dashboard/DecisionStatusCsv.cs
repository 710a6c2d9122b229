using System.Globalization;
using System.Text;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Web.Components.Shared;
using Sandviken.Strategy.Web.Hosting;

namespace Sandviken.Strategy.Web;

/// <summary>
/// /beslutsstatus.csv: the dashboard's table for spreadsheets. Semicolons and a UTF-8 byte order mark, as
/// Swedish Excel expects; cells that a spreadsheet would take for a formula are prefixed with an apostrophe.
/// </summary>
internal static class DecisionStatusCsv
{
    public static void MapDecisionStatusCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/beslutsstatus.csv", async (HttpRequest request, DashboardReader reader, CancellationToken ct) =>
        {
            // The same reading as the page's, so that the page and its CSV agree on every address (duplicates refused).
            if (!YearQuery.TryRead(request.Query[YearQuery.Key], out var year, out var problem)
                || !DashboardQuery.TryReadFilter(request.Query[DashboardQuery.Key], out var filter, out problem))
            {
                return Results.Text(problem, "text/plain; charset=utf-8", statusCode: 400);
            }

            var model = await reader.ReadStatusAsync(year, filter, ct);
            if (model is null)
            {
                return Results.Text("Det finns ingen planeringsomgång för det budgetåret.", "text/plain; charset=utf-8", statusCode: 404);
            }

            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(model))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"beslutsstatus-{model.BudgetYear}-{DashboardQuery.NameOf(filter)}.csv");
        }).CachePublicly();

    public static string Write(DecisionStatusModel model)
    {
        var csv = new StringBuilder();
        Line(csv, "Budgetår", "Nämnd eller bolag", "Typ",
            "Utkast: status", "Utkast: beslutsdatum", "Utkast: beslutsinstans", "Utkast: referens", "Utkast: version",
            "Slutgiltigt: status", "Slutgiltigt: beslutsdatum", "Slutgiltigt: beslutsinstans", "Slutgiltigt: referens", "Slutgiltigt: version");
        foreach (var row in model.Rows)
        {
            Line(csv, [model.BudgetYear.ToString(CultureInfo.InvariantCulture), row.Name, Labels.Of(row.Kind), .. Cells(row.Draft), .. Cells(row.Final)]);
        }

        return csv.ToString();
    }

    private static string[] Cells(DecisionStatusCell cell) =>
    [
        cell.State == DecisionState.NotApplicable ? $"{Labels.Of(cell.State)} – {Labels.NotApplicableReason}" : Labels.Of(cell.State),
        cell.DecidedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        cell.DecidedBy ?? "",
        cell.Reference ?? "",
        cell.VersionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
    ];

    private static void Line(StringBuilder csv, params string[] cells) =>
        csv.Append(string.Join(';', cells.Select(Escape))).Append("\r\n");

    /// <summary>One cell: an apostrophe before what a spreadsheet would take for a formula, quotes where needed.</summary>
    internal static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
