using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Site;
using Sandviken.Strategy.Domain.Workspace;

namespace Sandviken.Strategy.Domain.Documents;

/// <summary>
/// Reads what the plan's Word document shows (ADR 0034). A decided version comes from its frozen content only, never
/// from the working copy; the working copy comes through <see cref="WorkspaceReader.ReadPlanAsync"/>, so the document
/// has exactly the access rule of the workspace's plan page.
/// </summary>
public sealed class PlanDocumentReader(
    IDbContextFactory<StrategyDbContext> dbFactory,
    PlanSnapshotCache snapshots,
    WorkspaceReader workspace,
    SiteFactsReader site,
    TimeProvider time)
{
    /// <summary>A decided version of a plan, or null when there is no such version: two SQL commands.</summary>
    public async Task<PlanDocument?> ReadDecidedAsync(string slug, int budgetYear, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // 1. The version with its decision and organisation, the year's areas in the council's order, and the plan's follow-ups.
        var head = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Number == number && v.Plan.BudgetYear == budgetYear && v.Plan.Organisation.Slug == slug)
            .Select(v => new
            {
                v.Number, v.Kind, v.CreatedAtUtc, v.ContentSha256, v.Content,
                v.Plan.Organisation.Slug, v.Plan.Organisation.Name, OrganisationKind = v.Plan.Organisation.Kind,
                Decision = db.Decisions.Where(d => d.PlanVersionId == v.Id)
                    .Select(d => new { d.DecidedOn, d.DecidedBy, d.Reference })
                    .FirstOrDefault(),
                AreaOrder = db.StrategicAreas
                    .Where(a => a.MandatePeriod.MunicipalityId == v.Plan.Organisation.MunicipalityId
                        && a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
                    .Select(a => new { a.Slug, a.SortOrder })
                    .ToList(),
                FollowUps = db.FollowUps.Where(f => f.Goal.PlanId == v.PlanId)
                    .Select(f => new GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (head?.Decision is null)
        {
            return null;
        }

        var snapshot = snapshots.Parse(head.ContentSha256, head.Content);

        // 2. The values of the decided indicators (live data, like the public plan page's: not part of the decision).
        var indicatorIds = snapshot.Goals.SelectMany(g => g.Indicators).Select(i => i.IndicatorId).Where(id => id != 0).ToList();
        var values = indicatorIds.Count == 0 ? [] : await db.Measurements.AsNoTracking()
            .Where(m => indicatorIds.Contains(m.IndicatorId))
            .Select(m => new { m.IndicatorId, Point = new MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc) })
            .ToListAsync(ct);
        var latest = values.GroupBy(m => m.IndicatorId).ToDictionary(g => g.Key, g => DocumentValue.LatestOf(g.Select(m => m.Point)));
        var assessments = GoalAssessments.ThatCount(head.FollowUps);
        var order = head.AreaOrder.DistinctBy(a => a.Slug).ToDictionary(a => a.Slug, a => a.SortOrder);

        var goals = snapshot.Goals.Select(g => (
            Areas: g.Areas,
            Goal: new DocumentGoal(
                g.Title,
                g.Description,
                [.. g.Areas.Select(a => a.Title)],
                [.. g.Indicators.Select(i => new DocumentIndicator(
                    i.Name, i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId,
                    i.IndicatorId != 0 ? latest.GetValueOrDefault(i.IndicatorId) : null))],
                assessments.TryGetValue(g.GoalId, out var a)
                    ? new DocumentFollowUp(a.Point, a.Assessment, a.Comment, a.RecordedAtUtc, RecordedBy: null)
                    : null)));

        var facts = await site.ReadAsync(ct);
        return new PlanDocument(
            facts.MunicipalityName,
            head.Slug,
            head.Name,
            head.OrganisationKind,
            budgetYear,
            new DecidedVersion(head.Number, head.Kind, head.CreatedAtUtc, head.ContentSha256, head.Decision.DecidedOn, head.Decision.DecidedBy, head.Decision.Reference),
            WorkingCopyStatus: null,
            GroupByArea(goals, slug => order.GetValueOrDefault(slug, int.MaxValue)),
            time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The working copy as it stands now. Refused (<see cref="Access.AccessDeniedException"/>) to anyone who may not
    /// read it in the workspace: the check is the workspace reader's own.
    /// </summary>
    public async Task<PlanDocument> ReadWorkingCopyAsync(ClaimsPrincipal user, int planId, CancellationToken ct = default)
    {
        var plan = await workspace.ReadPlanAsync(user, planId, ct);

        var areas = plan.Areas.Select((a, index) => (Area: a, Index: index)).ToDictionary(x => x.Area.Id);
        var latest = plan.Measurements.GroupBy(m => m.IndicatorId).ToDictionary(
            g => g.Key,
            g => DocumentValue.LatestOf(g.Select(m => new MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc))));
        // The follow-up that counts for each goal (ADR 0019): the latest point's.
        var followUps = plan.FollowUps.GroupBy(f => f.GoalId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.Point)!);

        var goals = plan.Goals.Select(g =>
        {
            var links = g.Input.AreaIds.Where(areas.ContainsKey).Select(id => areas[id].Area).ToList();
            return (
                Areas: (IReadOnlyList<AreaReference>)[.. links.Select(a => new AreaReference(a.Slug, a.Title))],
                Goal: new DocumentGoal(
                    g.Input.Title,
                    g.Input.Description,
                    [.. links.OrderBy(a => areas[a.Id].Index).Select(a => a.Title)],
                    [.. g.Input.Indicators.Select(i => new DocumentIndicator(
                        i.Name, i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId,
                        i.Id is { } id ? latest.GetValueOrDefault(id) : null))],
                    followUps.TryGetValue(g.Id, out var f)
                        ? new DocumentFollowUp(f.Point, f.Assessment, f.Comment, f.RecordedAtUtc, f.RecordedBy)
                        : null));
        });
        var order = plan.Areas.Select((a, index) => (a.Slug, index)).DistinctBy(x => x.Slug).ToDictionary(x => x.Slug, x => x.index);

        var facts = await site.ReadAsync(ct);
        return new PlanDocument(
            facts.MunicipalityName,
            plan.OrganisationSlug,
            plan.OrganisationName,
            plan.OrganisationKind,
            plan.BudgetYear,
            Decided: null,
            plan.Status,
            GroupByArea(goals, slug => order.GetValueOrDefault(slug, int.MaxValue)),
            time.GetUtcNow().UtcDateTime);
    }

    // Each goal is written once, under the first of its areas in the council's order; the other areas it serves name it.
    private static List<DocumentArea> GroupByArea(
        IEnumerable<(IReadOnlyList<AreaReference> Areas, DocumentGoal Goal)> goals, Func<string, int> orderOf)
    {
        var linked = goals
            .Where(g => g.Areas.Count > 0)
            .Select(g => (Ordered: g.Areas.OrderBy(a => orderOf(a.Slug)).ToList(), g.Goal))
            .ToList();
        return [.. linked
            .SelectMany(g => g.Ordered)
            .DistinctBy(a => a.Slug)
            .OrderBy(a => orderOf(a.Slug))
            .Select(area => new DocumentArea(
                area.Slug,
                area.Title,
                [.. linked.Where(g => g.Ordered[0].Slug == area.Slug).Select(g => g.Goal)],
                [.. linked.Where(g => g.Ordered[0].Slug != area.Slug && g.Ordered.Any(a => a.Slug == area.Slug)).Select(g => g.Goal.Title)]))];
    }
}
