using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>The latest decided version of a plan, with its snapshot: what the public pages show.</summary>
public sealed record DecidedPlan(int PlanId, DecisionKind Kind, int VersionNumber, PlanSnapshot Snapshot);

/// <summary>
/// One organisation in one budget year, as the public pages see it: its latest April and September decisions and the
/// latest decided version of its plan (null when nothing is decided).
/// </summary>
public sealed record OrganisationYear(
    string Slug,
    string Name,
    OrganisationKind Kind,
    DateOnly? AddedOn,
    DecisionView? Draft,
    DecisionView? Final,
    DecidedPlan? Decided)
{
    public DecisionState DraftState(CycleDates cycle, DateOnly today) =>
        PlanningCalendar.StateOf(Draft is not null, cycle.DraftDeadline, today, AddedOn);

    public DecisionState FinalState(CycleDates cycle, DateOnly today) =>
        PlanningCalendar.StateOf(Final is not null, cycle.FinalDeadline, today, AddedOn);

    /// <summary>The goals of the latest decided version (none without one).</summary>
    public IReadOnlyList<GoalSnapshot> Goals => Decided?.Snapshot.Goals ?? [];
}

/// <summary>The public pages' shared read of a budget year's organisations: one SQL command whatever their number.</summary>
internal static class OrganisationYears
{
    /// <summary>
    /// The organisations a budget year concerns (the active ones, and inactive ones that had a plan that year) with their
    /// latest decisions and latest decided version: one SQL command. Snapshots already parsed come from <paramref name="snapshots"/>.
    /// </summary>
    public static async Task<List<OrganisationYear>> OrganisationsOfYearAsync(
        this StrategyDbContext db, PlanSnapshotCache snapshots, int municipalityId, int budgetYear, OrganisationFilter filter, CancellationToken ct)
    {
        var versionsOfYear = db.PlanVersions.Where(v => v.Plan.BudgetYear == budgetYear);
        var rows = await db.Organisations.AsNoTracking()
            .Where(o => o.MunicipalityId == municipalityId)
            .Shown(filter)
            .Where(o => o.IsActive || db.Plans.Any(p => p.OrganisationId == o.Id && p.BudgetYear == budgetYear))
            .Select(o => new
            {
                o.Slug,
                o.Name,
                o.Kind,
                o.AddedOn,
                Draft = db.Decisions
                    .Where(d => d.Plan.OrganisationId == o.Id && d.Plan.BudgetYear == budgetYear && d.Kind == DecisionKind.Draft)
                    .OrderByDescending(d => d.PlanVersion.Number)
                    .Select(d => new { d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number })
                    .FirstOrDefault(),
                Final = db.Decisions
                    .Where(d => d.Plan.OrganisationId == o.Id && d.Plan.BudgetYear == budgetYear && d.Kind == DecisionKind.Final)
                    .OrderByDescending(d => d.PlanVersion.Number)
                    .Select(d => new { d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number })
                    .FirstOrDefault(),
                // The latest version as one scalar subquery per column, each a walk down the indexes. As one object EF
                // writes a window over every version of the year, snapshots included, that SQLite materialises and
                // joins per organisation: about half of this command's time at 10x the data (docs/performance.md).
                // The content comes along even when its snapshot was parsed before: one command, not two.
                LatestPlanId = versionsOfYear.Where(v => v.Plan.OrganisationId == o.Id).OrderByDescending(v => v.Number)
                    .Select(v => (int?)v.PlanId).FirstOrDefault(),
                LatestKind = versionsOfYear.Where(v => v.Plan.OrganisationId == o.Id).OrderByDescending(v => v.Number)
                    .Select(v => (DecisionKind?)v.Kind).FirstOrDefault(),
                LatestNumber = versionsOfYear.Where(v => v.Plan.OrganisationId == o.Id).OrderByDescending(v => v.Number)
                    .Select(v => (int?)v.Number).FirstOrDefault(),
                LatestSha256 = versionsOfYear.Where(v => v.Plan.OrganisationId == o.Id).OrderByDescending(v => v.Number)
                    .Select(v => v.ContentSha256).FirstOrDefault(),
                LatestContent = versionsOfYear.Where(v => v.Plan.OrganisationId == o.Id).OrderByDescending(v => v.Number)
                    .Select(v => v.Content).FirstOrDefault(),
            })
            .ToListAsync(ct);

        return [.. rows
            .Select(r => new OrganisationYear(
                r.Slug,
                r.Name,
                r.Kind,
                r.AddedOn,
                r.Draft is null ? null : new DecisionView(DecisionKind.Draft, r.Draft.DecidedOn, r.Draft.DecidedBy, r.Draft.Reference, r.Draft.Number),
                r.Final is null ? null : new DecisionView(DecisionKind.Final, r.Final.DecidedOn, r.Final.DecidedBy, r.Final.Reference, r.Final.Number),
                r.LatestPlanId is not { } planId ? null : new DecidedPlan(planId, r.LatestKind!.Value, r.LatestNumber!.Value, snapshots.Parse(r.LatestSha256!, r.LatestContent!))))
            .OrderBy(o => o.Kind)
            .ThenBy(o => o.Name, Swedish.Comparer)];
    }
}
