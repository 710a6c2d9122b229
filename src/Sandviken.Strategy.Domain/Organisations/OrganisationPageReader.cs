using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Organisations;

public sealed record OrganisationListItem(
    string Slug,
    string Name,
    OrganisationKind Kind,
    string? ParentName,
    bool IsActive,
    IReadOnlyList<int> PlanYears);

public sealed record OrganisationPageModel(
    string Slug,
    string Name,
    OrganisationKind Kind,
    string? ParentSlug,
    string? ParentName,
    bool IsActive,
    bool IsDemo,
    IReadOnlyList<PlanSummary> Plans);

/// <summary>A plan's place in the decision cycle, as the public sees it.</summary>
public sealed record PlanSummary(
    int BudgetYear,
    PlanStatus Status,
    DecisionView? Draft,
    DecisionView? Final,
    DecisionState DraftState,
    DecisionState FinalState);

public sealed record DecisionView(DecisionKind Kind, DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber);

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
    IReadOnlyDictionary<int, FollowUps.GoalAssessment> Assessments);

/// <summary>One value of an indicator, with where it came from and when.</summary>
public sealed record MeasurementPoint(string Period, decimal Value, string Source, DateTime FetchedAtUtc);

public sealed record VersionView(int Number, DecisionKind Kind, DateTime CreatedAtUtc, string ContentSha256);

/// <summary>The goals of the shown version that serve one area (a goal linked to two areas appears under both).</summary>
public sealed record PlanAreaGoals(string AreaSlug, string AreaTitle, IReadOnlyList<GoalSnapshot> Goals);

public sealed class OrganisationPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<OrganisationListItem>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationListItem(
                o.Slug,
                o.Name,
                o.Kind,
                o.Parent == null ? null : o.Parent.Name,
                o.IsActive,
                db.Plans.Where(p => p.OrganisationId == o.Id && p.Versions.Any()).OrderBy(p => p.BudgetYear).Select(p => p.BudgetYear).ToList()))
            .ToListAsync(ct);
        return [.. rows.OrderBy(o => o.Kind).ThenBy(o => o.Name, Swedish.Comparer)];
    }

    public async Task<OrganisationPageModel?> ReadOrganisationAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Id, o.Slug, o.Name, o.Kind, o.IsActive, o.IsDemo, o.MunicipalityId,
                ParentSlug = o.Parent == null ? null : o.Parent.Slug,
                ParentName = o.Parent == null ? null : o.Parent.Name,
            })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return null;
        }

        var plans = await ReadSummariesAsync(db, organisation.Id, organisation.MunicipalityId, budgetYear: null, ct);
        return new OrganisationPageModel(
            organisation.Slug, organisation.Name, organisation.Kind, organisation.ParentSlug, organisation.ParentName,
            organisation.IsActive, organisation.IsDemo, [.. plans.OrderByDescending(p => p.BudgetYear)]);
    }

    /// <summary>The public view of one plan, or null when the organisation has no plan and no cycle for that year.</summary>
    public async Task<PlanPageModel?> ReadPlanAsync(string slug, int budgetYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new { o.Id, o.Slug, o.Name, o.Kind, o.MunicipalityId })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return null;
        }

        var summary = (await ReadSummariesAsync(db, organisation.Id, organisation.MunicipalityId, budgetYear, ct)).SingleOrDefault();
        if (summary is null)
        {
            return null;
        }

        var versions = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Plan.OrganisationId == organisation.Id && v.Plan.BudgetYear == budgetYear)
            .OrderBy(v => v.Number)
            .Select(v => new { View = new VersionView(v.Number, v.Kind, v.CreatedAtUtc, v.ContentSha256), v.Content })
            .ToListAsync(ct);
        var latest = versions.LastOrDefault();
        var snapshot = latest is null ? null : PlanSnapshot.FromJson(latest.Content);

        var decisions = await db.Decisions.AsNoTracking()
            .Where(d => d.Plan.OrganisationId == organisation.Id && d.Plan.BudgetYear == budgetYear)
            .OrderBy(d => d.PlanVersion.Number)
            .Select(d => new DecisionView(d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
            .ToListAsync(ct);

        // The April draft against the September final that followed it (the latest of each kind).
        var draft = versions.LastOrDefault(v => v.View.Kind == DecisionKind.Draft);
        var final = versions.LastOrDefault(v => v.View.Kind == DecisionKind.Final && v.View.Number > (draft?.View.Number ?? 0));
        var draftToFinal = draft is null || final is null
            ? null
            : VersionComparison.Between(draft.View.Number, PlanSnapshot.FromJson(draft.Content), final.View.Number, PlanSnapshot.FromJson(final.Content));

        var indicatorIds = snapshot?.Goals.SelectMany(g => g.Indicators).Select(i => i.IndicatorId).Where(id => id != 0).ToList() ?? [];
        var measurements = (await db.Measurements.AsNoTracking()
                .Where(m => indicatorIds.Contains(m.IndicatorId))
                .Select(m => new { m.IndicatorId, Point = new MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc) })
                .ToListAsync(ct))
            .GroupBy(m => m.IndicatorId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MeasurementPoint>)[.. g.Select(m => m.Point).OrderBy(p => p.Period, StringComparer.Ordinal)]);
        var goalIds = snapshot?.Goals.Select(g => g.GoalId).ToList() ?? [];
        var assessments = (await db.FollowUps.AsNoTracking()
                .Where(f => goalIds.Contains(f.GoalId))
                .Select(f => new FollowUps.GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc))
                .ToListAsync(ct))
            .GroupBy(f => f.GoalId)
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Point)!);

        return new PlanPageModel(
            organisation.Slug,
            organisation.Name,
            organisation.Kind,
            budgetYear,
            summary,
            decisions,
            [.. versions.Select(v => v.View)],
            latest?.View,
            snapshot is null ? [] : await GroupByAreaAsync(db, snapshot, budgetYear, ct),
            draftToFinal,
            measurements,
            assessments);
    }

    // Areas in the council's order; a goal linked to an area that was since removed still shows under its decided title.
    private static async Task<List<PlanAreaGoals>> GroupByAreaAsync(StrategyDbContext db, PlanSnapshot snapshot, int budgetYear, CancellationToken ct)
    {
        var order = await db.StrategicAreas.AsNoTracking()
            .Where(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
            .Select(a => new { a.Slug, a.SortOrder })
            .ToDictionaryAsync(a => a.Slug, a => a.SortOrder, ct);
        return [.. snapshot.Goals
            .SelectMany(g => g.Areas.Select(a => (Area: a, Goal: g)))
            .GroupBy(x => x.Area.Slug)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new PlanAreaGoals(g.Key, g.First().Area.Title, [.. g.Select(x => x.Goal)]))];
    }

    private async Task<List<PlanSummary>> ReadSummariesAsync(
        StrategyDbContext db, int organisationId, int municipalityId, int? budgetYear, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId && (budgetYear == null || p.BudgetYear == budgetYear))
            .Select(p => new
            {
                p.BudgetYear,
                p.Status,
                Decisions = p.Decisions
                    .Select(d => new DecisionView(d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
                    .ToList(),
            })
            .ToListAsync(ct);
        var cycles = await db.PlanningCycles.AsNoTracking()
            .Where(c => c.MunicipalityId == municipalityId && (budgetYear == null || c.BudgetYear == budgetYear))
            .ToListAsync(ct);
        var today = PlanningCalendar.Today(time);

        // A cycle without a plan is still a row: nothing decided, perhaps overdue.
        var years = plans.Select(p => p.BudgetYear).Union(cycles.Select(c => c.BudgetYear));
        return [.. years.Select(year =>
        {
            var plan = plans.SingleOrDefault(p => p.BudgetYear == year);
            var cycle = cycles.SingleOrDefault(c => c.BudgetYear == year);
            var draft = plan?.Decisions.Where(d => d.Kind == DecisionKind.Draft).MaxBy(d => d.VersionNumber);
            var final = plan?.Decisions.Where(d => d.Kind == DecisionKind.Final).MaxBy(d => d.VersionNumber);
            return new PlanSummary(
                year,
                plan?.Status ?? PlanStatus.Draft,
                draft,
                final,
                cycle is null ? (draft is null ? DecisionState.NotDecided : DecisionState.Decided) : PlanningCalendar.StateOf(draft is not null, cycle.DraftDeadline, today),
                cycle is null ? (final is null ? DecisionState.NotDecided : DecisionState.Decided) : PlanningCalendar.StateOf(final is not null, cycle.FinalDeadline, today));
        })];
    }
}
