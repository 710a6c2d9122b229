using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>A budget year's decision counts, as the seed files and a day say they must be.</summary>
public sealed record DemoCycleCounts(int Organisations, int DraftsDecided, int FinalsDecided, int DraftsOverdue, int FinalsOverdue, int OrganisationsOverdue);

/// <summary>
/// Figures computed from the seed files in the repository (src/Sandviken.Strategy.Web/Seed) and a clock, so that a test
/// does not copy numbers from demo.json: a change to the demo data changes the expectation with it.
/// </summary>
public static class DemoFacts
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static IReadOnlyList<DemoOrganisationSeed> Organisations(OrganisationKind? kind = null) =>
        [.. SeedFiles.Demo().Organisations.Where(o => kind is null || o.Kind == kind)];

    /// <summary>Decided and overdue counts of a budget year: a decision is overdue the day after its deadline.</summary>
    public static DemoCycleCounts Cycle(int budgetYear, TimeProvider clock, OrganisationKind? kind = null)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Stockholm).DateTime);
        var cycle = SeedFiles.Municipality().PlanningCycles.Single(c => c.BudgetYear == budgetYear);
        var plans = Organisations(kind).Select(o => o.Plans?.SingleOrDefault(p => p.BudgetYear == budgetYear)).ToList();
        bool DraftOverdue(DemoPlanSeed? plan) => plan?.Draft is null && today > cycle.DraftDeadline;
        bool FinalOverdue(DemoPlanSeed? plan) => plan?.Final is null && today > cycle.FinalDeadline;
        return new DemoCycleCounts(
            plans.Count,
            plans.Count(p => p?.Draft is not null),
            plans.Count(p => p?.Final is not null),
            plans.Count(DraftOverdue),
            plans.Count(FinalOverdue),
            plans.Count(p => DraftOverdue(p) || FinalOverdue(p)));
    }
}
