using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>
/// Träffbild: organisations × the strategic areas of the budget year's mandate period, with the number of goals
/// in each cell from the latest decided version of each plan. A zero is a gap.
/// </summary>
public sealed record CoverageModel(
    int BudgetYear,
    IReadOnlyList<AreaReference> Areas,
    IReadOnlyList<CoverageRow> Rows)
{
    public int TotalFor(string areaSlug) => Rows.Sum(r => r.CountFor(areaSlug));

    public int GrandTotal => Rows.Sum(r => r.Total);

    public int Gaps => Rows.Sum(r => Areas.Count(a => r.CountFor(a.Slug) == 0));

    /// <param name="organisations">The organisations to show (already filtered), in the order to show.</param>
    public static CoverageModel From(int budgetYear, IReadOnlyList<AreaReference> areas, IEnumerable<OrganisationYear> organisations) =>
        new(budgetYear, areas, [.. organisations.Select(o => new CoverageRow(
            o.Slug,
            o.Name,
            o.Kind,
            o.Decided is not null,
            o.Goals.SelectMany(g => g.Areas).GroupBy(a => a.Slug).ToDictionary(g => g.Key, g => g.Count()))
        {
            Total = o.Goals.Count,
        })]);
}

/// <param name="HasDecidedPlan">False when the organisation has no decided version for the year (all its cells are gaps).</param>
public sealed record CoverageRow(string Slug, string Name, OrganisationKind Kind, bool HasDecidedPlan, IReadOnlyDictionary<string, int> GoalsPerArea)
{
    public int CountFor(string areaSlug) => GoalsPerArea.GetValueOrDefault(areaSlug);

    /// <summary>Goals of the organisation (a goal linked to two areas counts once here).</summary>
    public int Total { get; init; }
}
