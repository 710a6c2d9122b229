using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.OpenData;

public sealed record PeriodData(
    int Id, string Name, int StartYear, int EndYear, DateOnly AreasDecidedOn, string AreasDecidedBy, IReadOnlyList<AreaData> Areas);

public sealed record AreaData(string Slug, string Title, string Lead, string Body, int SortOrder, IReadOnlyList<AmbitionData> Ambitions);

public sealed record AmbitionData(
    int Id, string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId, IReadOnlyList<MeasurementPoint> Values);

public sealed record OrganisationData(
    string Slug, string Name, OrganisationKind Kind, string? ParentSlug, bool IsActive, bool IsDemo, IReadOnlyList<int> DecidedYears);

/// <summary>A plan that has at least one decided version, with its latest one (what the public plan page shows).</summary>
public sealed record DecidedPlanData(
    int PlanId, string OrganisationSlug, string OrganisationName, OrganisationKind OrganisationKind, int BudgetYear,
    PlanStatus Status, int VersionNumber, DecisionKind VersionKind, DateTime VersionCreatedAtUtc, string ContentSha256, PlanSnapshot Snapshot);

public sealed record VersionData(
    int PlanId, string OrganisationSlug, int BudgetYear, int Number, DecisionKind Kind, DateTime CreatedAtUtc, string ContentSha256,
    string Content, DecisionData? Decision);

public sealed record DecisionData(
    int Id, int PlanId, string OrganisationSlug, string OrganisationName, int BudgetYear, DecisionKind Kind, DateOnly DecidedOn,
    string DecidedBy, string Reference, int VersionNumber);

/// <summary>
/// Reads for the open data API (/api/v1): decided material only, as the public pages show it. Goals, indicators and
/// follow-ups come from the latest decided version of each plan, never from the working copy (ADR 0035). Every method
/// issues at most two SQL commands whatever the amount of data.
/// </summary>
public sealed class OpenDataReader(IDbContextFactory<StrategyDbContext> dbFactory, PlanSnapshotCache snapshots)
{
    /// <summary>Every mandate period with its areas, ambitions and the ambitions' key figure values: one SQL command.</summary>
    public async Task<IReadOnlyList<PeriodData>> ReadPeriodsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.MandatePeriods.AsNoTracking()
            .OrderBy(p => p.StartYear).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy,
                Areas = p.Areas.OrderBy(a => a.SortOrder).ThenBy(a => a.Id).Select(a => new
                {
                    a.Slug, a.Title, a.Lead, a.Body, a.SortOrder,
                    Ambitions = a.Ambitions.OrderBy(m => m.SortOrder).ThenBy(m => m.Id).Select(m => new
                    {
                        m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId,
                        Values = db.AmbitionMeasurements.Where(v => v.AreaAmbitionId == m.Id)
                            .Select(v => new MeasurementPoint(v.Period, v.Value, v.Source, v.FetchedAtUtc))
                            .ToList(),
                    }).ToList(),
                }).ToList(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(p => new PeriodData(p.Id, p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy,
            [.. p.Areas.Select(a => new AreaData(a.Slug, a.Title, a.Lead, a.Body, a.SortOrder,
                [.. a.Ambitions.Select(m => new AmbitionData(m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId,
                    [.. m.Values.OrderBy(v => v.Period, StringComparer.Ordinal).ThenBy(v => v.Source, StringComparer.Ordinal)]))]))]))];
    }

    /// <summary>Every organisation, with the budget years that have a decided version: one SQL command.</summary>
    public async Task<IReadOnlyList<OrganisationData>> ReadOrganisationsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationData(
                o.Slug,
                o.Name,
                o.Kind,
                o.Parent == null ? null : o.Parent.Slug,
                o.IsActive,
                o.IsDemo,
                db.Plans.Where(p => p.OrganisationId == o.Id && p.Versions.Any()).OrderBy(p => p.BudgetYear).Select(p => p.BudgetYear).ToList()))
            .ToListAsync(ct);
        return [.. rows.OrderBy(o => o.Kind).ThenBy(o => o.Name, Swedish.Comparer).ThenBy(o => o.Slug, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The plans that have a decided version, each with its latest one, optionally of one budget year and one
    /// organisation: one SQL command. Ordered by budget year, then as the public pages order organisations.
    /// </summary>
    public async Task<IReadOnlyList<DecidedPlanData>> ReadDecidedPlansAsync(int? budgetYear, string? organisationSlug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = db.Plans.AsNoTracking().Where(p => p.Versions.Any());
        if (budgetYear is { } year)
        {
            plans = plans.Where(p => p.BudgetYear == year);
        }

        if (organisationSlug is not null)
        {
            plans = plans.Where(p => p.Organisation.Slug == organisationSlug);
        }

        var rows = await plans
            .Select(p => new
            {
                p.Id, p.Organisation.Slug, p.Organisation.Name, p.Organisation.Kind, p.BudgetYear, p.Status,
                Latest = p.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new { v.Number, v.Kind, v.CreatedAtUtc, v.ContentSha256, v.Content })
                    .First(),
            })
            .ToListAsync(ct);
        return [.. rows
            .Select(r => new DecidedPlanData(r.Id, r.Slug, r.Name, r.Kind, r.BudgetYear, r.Status, r.Latest.Number, r.Latest.Kind,
                r.Latest.CreatedAtUtc, r.Latest.ContentSha256, snapshots.Parse(r.Latest.ContentSha256, r.Latest.Content)))
            .OrderBy(p => p.BudgetYear)
            .ThenBy(p => p.OrganisationKind)
            .ThenBy(p => p.OrganisationName, Swedish.Comparer)
            .ThenBy(p => p.PlanId)];
    }

    /// <summary>
    /// Where a plan's public page is and its recorded decisions (with their ids), for a plan that has a decided version
    /// (else null): one SQL command.
    /// </summary>
    public async Task<(string Slug, int BudgetYear, IReadOnlyList<DecisionData> Decisions)?> FindDecidedPlanAsync(int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId && p.Versions.Any())
            .Select(p => new
            {
                p.Organisation.Slug,
                p.Organisation.Name,
                p.BudgetYear,
                // Only columns of the decision and its version here: the organisation from outside would need APPLY.
                Decisions = p.Decisions
                    .Select(d => new { d.Id, d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number })
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return plan is null ? null : (plan.Slug, plan.BudgetYear, [.. plan.Decisions
            .OrderBy(d => d.Number)
            .Select(d => new DecisionData(d.Id, planId, plan.Slug, plan.Name, plan.BudgetYear, d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.Number))]);
    }

    /// <summary>Whether a budget year has a planning cycle (the API knows a year only then, as the dashboard): one SQL command.</summary>
    public async Task<bool> HasCycleAsync(int budgetYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PlanningCycles.AnyAsync(c => c.BudgetYear == budgetYear, ct);
    }

    /// <summary>One frozen version with the decision that made it (null when there is no such version): one SQL command.</summary>
    public async Task<VersionData?> ReadVersionAsync(int planId, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId && v.Number == number)
            .Select(v => new VersionData(
                v.PlanId, v.Plan.Organisation.Slug, v.Plan.BudgetYear, v.Number, v.Kind, v.CreatedAtUtc, v.ContentSha256, v.Content,
                db.Decisions.Where(d => d.PlanVersionId == v.Id)
                    .Select(d => new DecisionData(d.Id, d.PlanId, d.Plan.Organisation.Slug, d.Plan.Organisation.Name, d.Plan.BudgetYear,
                        d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
                    .FirstOrDefault()))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The recorded decisions, optionally of one budget year, oldest first: one SQL command.</summary>
    public async Task<IReadOnlyList<DecisionData>> ReadDecisionsAsync(int? budgetYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decisions = db.Decisions.AsNoTracking();
        if (budgetYear is { } year)
        {
            decisions = decisions.Where(d => d.Plan.BudgetYear == year);
        }

        return await decisions
            .OrderBy(d => d.DecidedOn).ThenBy(d => d.Id)
            .Select(d => new DecisionData(d.Id, d.PlanId, d.Plan.Organisation.Slug, d.Plan.Organisation.Name, d.Plan.BudgetYear,
                d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
            .ToListAsync(ct);
    }

    /// <summary>The values of the given (decided) indicators, oldest period first: one SQL command.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<MeasurementPoint>>> ReadIndicatorValuesAsync(
        IReadOnlyCollection<int> indicatorIds, CancellationToken ct = default)
    {
        var ids = indicatorIds.Where(id => id != 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, IReadOnlyList<MeasurementPoint>>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => ids.Contains(m.IndicatorId))
            .Select(m => new { m.IndicatorId, Point = new MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc) })
            .ToListAsync(ct);
        return rows.GroupBy(m => m.IndicatorId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<MeasurementPoint>)[.. g.Select(m => m.Point).OrderBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Source, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Per goal of the given plans, the follow-up that counts (ADR 0019: the annual report's, else the interim report's),
    /// as the plan page shows it: one SQL command.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, GoalAssessment>> ReadAssessmentsAsync(IReadOnlyCollection<int> planIds, CancellationToken ct = default)
    {
        var ids = planIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, GoalAssessment>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return GoalAssessments.ThatCount(await db.FollowUps.AsNoTracking()
            .Where(f => ids.Contains(f.Goal.PlanId))
            .Select(f => new GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc))
            .ToListAsync(ct));
    }
}
