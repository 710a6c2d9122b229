using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>
/// Träffbild: organisations × the strategic areas of the budget year's mandate period, with the number of goals
/// in each cell from the latest decided version of each plan. A zero is a gap.
/// </summary>
public sealed record CoverageModel(
    int BudgetYear,
    IReadOnlyList<CoverageArea> Areas,
    IReadOnlyList<CoverageRow> Rows)
{
    public int TotalFor(string areaSlug) => Rows.Sum(r => r.CountFor(areaSlug));

    public int GrandTotal => Rows.Sum(r => r.Total);

    public int Gaps => Rows.Sum(r => Areas.Count(a => r.CountFor(a.Slug) == 0));
}

public sealed record CoverageArea(string Slug, string Title);

/// <param name="HasDecidedPlan">False when the organisation has no decided version for the year (all its cells are gaps).</param>
public sealed record CoverageRow(string Slug, string Name, OrganisationKind Kind, bool HasDecidedPlan, IReadOnlyDictionary<string, int> GoalsPerArea)
{
    public int CountFor(string areaSlug) => GoalsPerArea.GetValueOrDefault(areaSlug);

    /// <summary>Goals of the organisation (a goal linked to two areas counts once here).</summary>
    public int Total { get; init; }
}

public sealed class CoverageReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    public async Task<CoverageModel> ReadAsync(int budgetYear, OrganisationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var areas = await db.StrategicAreas.AsNoTracking()
            .Where(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
            .OrderBy(a => a.SortOrder)
            .Select(a => new CoverageArea(a.Slug, a.Title))
            .ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking()
            .Shown(filter)
            .Where(o => o.IsActive || db.Plans.Any(p => p.OrganisationId == o.Id && p.BudgetYear == budgetYear))
            .Select(o => new { o.Slug, o.Name, o.Kind })
            .ToListAsync(ct);
        var decided = (await db.LatestForYearAsync(budgetYear, ct)).ToDictionary(p => p.OrganisationSlug);

        return new CoverageModel(
            budgetYear,
            areas,
            [.. organisations
                .OrderBy(o => o.Kind)
                .ThenBy(o => o.Name, Swedish.Comparer)
                .Select(o =>
                {
                    var goals = decided.TryGetValue(o.Slug, out var plan) ? plan.Snapshot.Goals : [];
                    return new CoverageRow(
                        o.Slug,
                        o.Name,
                        o.Kind,
                        plan is not null,
                        goals.SelectMany(g => g.Areas).GroupBy(a => a.Slug).ToDictionary(g => g.Key, g => g.Count()))
                    {
                        Total = goals.Count,
                    };
                })]);
    }
}
