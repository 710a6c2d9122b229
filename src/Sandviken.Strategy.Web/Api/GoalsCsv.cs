using System.Globalization;
using System.Text;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.OpenData;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Api;

/// <summary>
/// /api/v1/years/{year}/goals.csv: every decided goal of a budget year (the latest decided version of each plan), one
/// row per goal and indicator (a goal without indicators has one row). Semicolons, a UTF-8 byte order mark and
/// formula-safe cells, as /beslutsstatus.csv; numbers with a decimal comma, as Swedish Excel reads them. "Källa" names
/// where the latest value comes from ("Kolada" where Kolada's, as its terms ask).
/// </summary>
internal static class GoalsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task<IResult> Answer(string year, OpenDataReader reader, CancellationToken ct)
    {
        // A year without a planning cycle is unknown, as for the dashboard's CSV; a cycle without decisions is an empty table.
        if (!YearQuery.TryParse(year, out var budgetYear) || !await reader.HasCycleAsync(budgetYear, ct))
        {
            return OpenDataApi.NoCycle(year);
        }

        var plans = await reader.ReadDecidedPlansAsync(budgetYear, null, ct);
        var values = await reader.ReadIndicatorValuesAsync(
            [.. plans.SelectMany(p => p.Snapshot.Goals).SelectMany(g => g.Indicators).Select(i => i.IndicatorId)], ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(plans, values))).ToArray();
        return new ApiAnswer(bytes, ContentType, $"mal-{budgetYear.ToString(CultureInfo.InvariantCulture)}.csv");
    }

    public static readonly string[] Header =
    [
        "Budgetår", "Nämnd eller bolag", "Typ", "Plan-id", "Version", "Mål-id", "Mål", "Beskrivning", "Strategiska områden",
        "Indikator", "Enhet", "Riktning", "Utgångsvärde", "Utgångsår", "Målvärde", "Målår", "Kolada-nyckeltal",
        "Senaste värde", "Period", "Källa",
    ];

    public static string Write(IReadOnlyList<DecidedPlanData> plans, IReadOnlyDictionary<int, IReadOnlyList<MeasurementPoint>> values)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var plan in plans)
        {
            foreach (var goal in plan.Snapshot.Goals)
            {
                string[] goalCells =
                [
                    plan.BudgetYear.ToString(CultureInfo.InvariantCulture), plan.OrganisationName, Labels.Of(plan.OrganisationKind),
                    plan.PlanId.ToString(CultureInfo.InvariantCulture), plan.VersionNumber.ToString(CultureInfo.InvariantCulture),
                    goal.GoalId.ToString(CultureInfo.InvariantCulture), goal.Title, goal.Description ?? "",
                    string.Join(", ", goal.Areas.Select(a => a.Title)),
                ];
                if (goal.Indicators.Count == 0)
                {
                    Line(csv, [.. goalCells, .. Enumerable.Repeat("", Header.Length - goalCells.Length)]);
                }

                foreach (var indicator in goal.Indicators)
                {
                    var latest = indicator.IndicatorId != 0 && values.TryGetValue(indicator.IndicatorId, out var points)
                        ? points.OrderBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Source == OpenDataApi.KoladaSource ? 1 : 0).LastOrDefault()
                        : null;
                    Line(csv,
                    [
                        .. goalCells, indicator.Name, indicator.Unit, Labels.Of(indicator.Direction),
                        Number(indicator.BaselineValue), Year(indicator.BaselineYear), Number(indicator.TargetValue), Year(indicator.TargetYear),
                        indicator.KoladaKpiId ?? "", Number(latest?.Value), latest?.Period ?? "", latest?.Source ?? "",
                    ]);
                }
            }
        }

        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString("0.####", Swedish.Culture) ?? "";

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, string[] cells) =>
        csv.Append(string.Join(';', cells.Select(DecisionStatusCsv.Escape))).Append("\r\n");
}
