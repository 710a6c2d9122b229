using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>The latest decided version of a plan, with its snapshot: what the public pages show.</summary>
public sealed record DecidedPlan(
    int PlanId,
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    DecisionKind Kind,
    int VersionNumber,
    PlanSnapshot Snapshot);

internal static class DecidedVersions
{
    /// <summary>One SQL query: the latest version of every plan of the budget year.</summary>
    public static async Task<List<DecidedPlan>> LatestForYearAsync(this StrategyDbContext db, int budgetYear, CancellationToken ct)
    {
        var rows = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Plan.BudgetYear == budgetYear
                && v.Number == db.PlanVersions.Where(o => o.PlanId == v.PlanId).Max(o => o.Number))
            .Select(v => new
            {
                v.PlanId,
                v.Plan.Organisation.Slug,
                v.Plan.Organisation.Name,
                OrganisationKind = v.Plan.Organisation.Kind,
                v.Plan.BudgetYear,
                VersionKind = v.Kind,
                v.Number,
                v.Content,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DecidedPlan(
            r.PlanId, r.Slug, r.Name, r.OrganisationKind, r.BudgetYear, r.VersionKind, r.Number, PlanSnapshot.FromJson(r.Content)))];
    }
}
