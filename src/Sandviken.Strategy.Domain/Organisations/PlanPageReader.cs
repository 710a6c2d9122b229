using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Organisations;

public sealed record PlanPageModel(
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    PlanSummary Summary,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<VersionView> Versions,
    VersionView? ShownVersion,
    IReadOnlyList<PlanAreaGoals> GoalsByArea,
    VersionComparison? DraftToFinal,
    IReadOnlyDictionary<int, IReadOnlyList<MeasurementPoint>> Measurements,
    IReadOnlyDictionary<int, GoalAssessment> Assessments)
{
    /// <summary>The follow-up of the shown version's goals, each goal once (it is listed under every area it serves).</summary>
    public AssessmentCounts FollowUp => AssessmentCounts.Of(GoalsByArea.SelectMany(a => a.Goals).DistinctBy(g => g.GoalId), Assessments);
}

public sealed record VersionView(int Number, DecisionKind Kind, DateTime CreatedAtUtc, string ContentSha256);

/// <summary>The goals of the shown version that serve one area (a goal linked to two areas appears under both).</summary>
public sealed record PlanAreaGoals(string AreaSlug, string AreaTitle, IReadOnlyList<GoalSnapshot> Goals);

/// <summary>The reader of /organisationer/{slug}/{year}: at most three SQL commands whatever the size of the plan.</summary>
public sealed class PlanPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time, PlanSnapshotCache snapshots)
{
    /// <summary>The public view of one plan, or null when the organisation has no plan and no cycle for that year.</summary>
    public async Task<PlanPageModel?> ReadAsync(string slug, int budgetYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // 1. The organisation, its plan and the year's cycle, the areas' order and the follow-ups of the plan's goals.
        var head = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Slug, o.Name, o.Kind, o.AddedOn,
                Plan = db.Plans.Where(p => p.OrganisationId == o.Id && p.BudgetYear == budgetYear).Select(p => new { p.Id, p.Status }).FirstOrDefault(),
                Cycle = db.PlanningCycles.Where(c => c.MunicipalityId == o.MunicipalityId && c.BudgetYear == budgetYear)
                    .Select(c => new { c.DraftDeadline, c.FinalDeadline })
                    .FirstOrDefault(),
                AreaOrder = db.StrategicAreas
                    .Where(a => a.MandatePeriod.MunicipalityId == o.MunicipalityId && a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
                    .Select(a => new { a.Slug, a.SortOrder })
                    .ToList(),
                FollowUps = db.FollowUps.Where(f => f.Goal.Plan.OrganisationId == o.Id && f.Goal.Plan.BudgetYear == budgetYear)
                    .Select(f => new GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (head is null || (head.Plan is null && head.Cycle is null))
        {
            return null;
        }

        // 2. The frozen versions, each with the decision that made it.
        var versions = head.Plan is null ? [] : await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == head.Plan.Id)
            .OrderBy(v => v.Number)
            .Select(v => new
            {
                View = new VersionView(v.Number, v.Kind, v.CreatedAtUtc, v.ContentSha256),
                v.Content,
                Decision = db.Decisions.Where(d => d.PlanVersionId == v.Id)
                    .Select(d => new { d.Kind, d.DecidedOn, d.DecidedBy, d.Reference })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var decisions = versions
            .Where(v => v.Decision is not null)
            .Select(v => new DecisionView(v.Decision!.Kind, v.Decision.DecidedOn, v.Decision.DecidedBy, v.Decision.Reference, v.View.Number))
            .ToList();
        var latest = versions.LastOrDefault();
        var snapshot = latest is null ? null : snapshots.Parse(latest.View.ContentSha256, latest.Content);

        // The April draft against the September final that followed it (the latest of each kind).
        var draft = versions.LastOrDefault(v => v.View.Kind == DecisionKind.Draft);
        var final = versions.LastOrDefault(v => v.View.Kind == DecisionKind.Final && v.View.Number > (draft?.View.Number ?? 0));
        var draftToFinal = draft is null || final is null
            ? null
            : VersionComparison.Between(
                draft.View.Number, snapshots.Parse(draft.View.ContentSha256, draft.Content),
                final.View.Number, snapshots.Parse(final.View.ContentSha256, final.Content));

        // 3. The values of the decided indicators.
        var indicatorIds = snapshot?.Goals.SelectMany(g => g.Indicators).Select(i => i.IndicatorId).Where(id => id != 0).ToList() ?? [];
        var measurements = indicatorIds.Count == 0 ? new Dictionary<int, IReadOnlyList<MeasurementPoint>>() : (await db.Measurements.AsNoTracking()
                .Where(m => indicatorIds.Contains(m.IndicatorId))
                .Select(m => new { m.IndicatorId, Point = new MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc) })
                .ToListAsync(ct))
            .GroupBy(m => m.IndicatorId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MeasurementPoint>)[.. g.Select(m => m.Point).OrderBy(p => p.Period, StringComparer.Ordinal)]);

        var summary = PlanSummary.Of(
            budgetYear, head.Plan?.Status, decisions, head.Cycle is null ? null : (head.Cycle.DraftDeadline, head.Cycle.FinalDeadline),
            head.AddedOn, PlanningCalendar.Today(time));
        var order = head.AreaOrder.DistinctBy(a => a.Slug).ToDictionary(a => a.Slug, a => a.SortOrder);
        return new PlanPageModel(
            head.Slug,
            head.Name,
            head.Kind,
            budgetYear,
            summary,
            decisions,
            [.. versions.Select(v => v.View)],
            latest?.View,
            snapshot is null ? [] : GroupByArea(snapshot, order),
            draftToFinal,
            measurements,
            GoalAssessments.ThatCount(head.FollowUps));
    }

    // Areas in the council's order; a goal linked to an area that was since removed still shows under its decided title.
    private static List<PlanAreaGoals> GroupByArea(PlanSnapshot snapshot, Dictionary<string, int> order) =>
        [.. snapshot.Goals
            .SelectMany(g => g.Areas.Select(a => (Area: a, Goal: g)))
            .GroupBy(x => x.Area.Slug)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new PlanAreaGoals(g.Key, g.First().Area.Title, [.. g.Select(x => x.Goal)]))];
}
