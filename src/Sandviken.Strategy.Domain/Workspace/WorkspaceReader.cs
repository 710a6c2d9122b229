using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Workspace;

/// <param name="YearsWithoutAreas">Budget years with a planning cycle but no strategic areas yet: no plan can be made for them.</param>
public sealed record WorkspaceOverview(bool CanEditAnything, IReadOnlyList<WorkspaceOrganisation> Organisations, IReadOnlyList<int> YearsWithoutAreas);

public sealed record WorkspaceOrganisation(
    int Id,
    string Slug,
    string Name,
    OrganisationKind Kind,
    bool CanEdit,
    IReadOnlyList<WorkspacePlanItem> Plans,
    IReadOnlyList<int> YearsWithoutPlan);

public sealed record WorkspacePlanItem(int Id, int BudgetYear, PlanStatus Status, int GoalCount);

public sealed record AreaOption(int Id, string Slug, string Title);

public sealed record WorkingCopy(
    int PlanId,
    int OrganisationId,
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    PlanStatus Status,
    bool CanEdit,
    bool CanReopen,
    IReadOnlyList<AreaOption> Areas,
    IReadOnlyList<GoalState> Goals,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<FollowUpRecord> FollowUps,
    IReadOnlyList<MeasurementRecord> Measurements,
    Guid PlanToken)
{
    /// <summary>Whether goals can be changed: the same answer as the plan-write gate's for <see cref="PlanWrite.ChangeGoals"/>.</summary>
    public bool IsEditable => CanEdit && PlanWriteGate.StatusAllows(PlanWrite.ChangeGoals, Status);

    public DecisionKind? NextDecision => Status switch
    {
        PlanStatus.Draft => DecisionKind.Draft,
        PlanStatus.DraftDecided or PlanStatus.Revision => DecisionKind.Final,
        _ => null,
    };
}

/// <param name="RecordedBy">The name of the person who recorded the decision (their e-mail address when the account has no name).</param>
public sealed record DecisionRecord(DecisionKind Kind, DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber, string RecordedBy, DateTime RecordedAtUtc);

/// <param name="RecordedBy">The name of the person who recorded the follow-up (their e-mail address when the account has no name).</param>
/// <param name="ConcurrencyToken">Sent back with a new assessment at the same point, so that one saved meanwhile is not overwritten (ADR 0032).</param>
public sealed record FollowUpRecord(
    int GoalId, FollowUps.FollowUpPoint Point, FollowUps.Assessment Assessment, string? Comment, string RecordedBy, DateTime RecordedAtUtc, Guid ConcurrencyToken);

/// <param name="ConcurrencyToken">Sent back with a new value for the same period, so that one saved meanwhile is not overwritten (ADR 0032).</param>
public sealed record MeasurementRecord(int IndicatorId, string Period, decimal Value, string Source, DateTime FetchedAtUtc, Guid ConcurrencyToken);

/// <param name="User">The name of the person who made the change (their e-mail address when the account has no name).</param>
public sealed record HistoryEntry(DateTime AtUtc, string User, string Action, string? Before, string? After);

/// <summary>
/// The workspace's read side. Officials, politicians and administrators read every working copy; a secretary
/// reads only their own organisations'. Refusals are logged like every other refused attempt.
/// </summary>
public sealed class WorkspaceReader(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors)
{
    public async Task<WorkspaceOverview> ReadOverviewAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        if (!actor.IsSignedIn)
        {
            throw actors.Refuse(actor, "ReadWorkspace", "Workspace", null, "Logga in för att använda arbetsytan.");
        }

        var readAll = actor.ReadsAllWorkingCopies;
        var ids = actor.OrganisationIds.ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => readAll || ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id, o.Slug, o.Name, o.Kind, o.IsActive, o.MunicipalityId,
                Plans = db.Plans.Where(p => p.OrganisationId == o.Id)
                    .Select(p => new WorkspacePlanItem(p.Id, p.BudgetYear, p.Status, p.Goals.Count)).ToList(),
            })
            .ToListAsync(ct);
        var allCycleYears = await db.PlanningCycles.AsNoTracking().Select(c => c.BudgetYear).ToListAsync(ct);
        var periods = await db.MandatePeriods.AsNoTracking().Where(p => p.Areas.Any()).Select(p => new { p.StartYear, p.EndYear }).ToListAsync(ct);
        // A goal must link to an area of its budget year's mandate period, so a year without areas can have no plan yet.
        var yearsWithoutAreas = allCycleYears.Where(y => !periods.Any(p => p.StartYear <= y && p.EndYear >= y)).Order().ToList();
        var cycleYears = allCycleYears.Except(yearsWithoutAreas).ToList();

        var result = organisations
            .Where(o => o.IsActive || o.Plans.Count > 0)
            .Select(o => new WorkspaceOrganisation(
                o.Id, o.Slug, o.Name, o.Kind,
                PlanWriteGate.Allows(actor, PlanWrite.CreatePlan, new PlanWriteTarget(o.Id, o.Name, o.IsActive, null)),
                [.. o.Plans.OrderByDescending(p => p.BudgetYear)],
                [.. cycleYears.Except(o.Plans.Select(p => p.BudgetYear)).OrderDescending()]))
            // Your own organisations first, then the rest in Swedish order.
            .OrderByDescending(o => o.CanEdit)
            .ThenBy(o => o.Kind)
            .ThenBy(o => o.Name, Swedish.Comparer)
            .ToList();
        return new WorkspaceOverview(result.Any(o => o.CanEdit), result, yearsWithoutAreas);
    }

    public async Task<WorkingCopy> ReadPlanAsync(ClaimsPrincipal user, int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.OrganisationId, p.Organisation.Slug, p.Organisation.Name, p.Organisation.Kind, p.Organisation.IsActive, p.BudgetYear, p.Status, p.ConcurrencyToken })
            .SingleOrDefaultAsync(ct);
        if (plan is null || !actor.CanReadWorkingCopyOf(plan.OrganisationId))
        {
            throw actors.Refuse(actor, "ReadWorkingCopy", "Plan", planId, "Du har inte behörighet att se den här planen i arbetsytan.");
        }

        var target = new PlanWriteTarget(plan.OrganisationId, plan.Name, plan.IsActive, plan.Status);
        var goals = await db.Goals.AsNoTracking().Include(g => g.Areas).Include(g => g.Indicators)
            .Where(g => g.PlanId == planId).OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct);
        var areas = await db.StrategicAreas.AsNoTracking()
            .Where(a => a.MandatePeriod.StartYear <= plan.BudgetYear && a.MandatePeriod.EndYear >= plan.BudgetYear)
            .OrderBy(a => a.SortOrder)
            .Select(a => new AreaOption(a.Id, a.Slug, a.Title))
            .ToListAsync(ct);
        var decisionRows = await db.Decisions.AsNoTracking()
            .Where(d => d.PlanId == planId)
            .OrderBy(d => d.PlanVersion.Number)
            .Select(d => new DecisionRecord(d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number, d.RecordedBy, d.RecordedAtUtc))
            .ToListAsync(ct);

        var goalIds = goals.Select(g => g.Id).ToList();
        var indicatorIds = goals.SelectMany(g => g.Indicators).Select(i => i.Id).ToList();
        // Sorted in memory: the point is stored as text, and the interim report comes before the annual report.
        var followUpRows = (await db.FollowUps.AsNoTracking()
                .Where(f => goalIds.Contains(f.GoalId))
                .Select(f => new FollowUpRecord(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedBy, f.RecordedAtUtc, f.ConcurrencyToken))
                .ToListAsync(ct))
            .OrderBy(f => f.GoalId).ThenBy(f => f.Point)
            .ToList();
        var names = await PeopleNames.ReadAsync(db, decisionRows.Select(d => d.RecordedBy).Concat(followUpRows.Select(f => f.RecordedBy)), ct);
        var decisions = decisionRows.Select(d => d with { RecordedBy = names.Of(d.RecordedBy) }).ToList();
        var followUps = followUpRows.Select(f => f with { RecordedBy = names.Of(f.RecordedBy) }).ToList();
        var measurements = await db.Measurements.AsNoTracking()
            .Where(m => indicatorIds.Contains(m.IndicatorId))
            .OrderBy(m => m.IndicatorId).ThenBy(m => m.Period)
            .Select(m => new MeasurementRecord(m.IndicatorId, m.Period, m.Value, m.Source, m.FetchedAtUtc, m.ConcurrencyToken))
            .ToListAsync(ct);

        return new WorkingCopy(
            plan.Id, plan.OrganisationId, plan.Slug, plan.Name, plan.Kind, plan.BudgetYear, plan.Status,
            PlanWriteGate.Allows(actor, PlanWrite.FollowUp, target),
            PlanWriteGate.Allows(actor, PlanWrite.Reopen, target),
            areas,
            [.. goals.Select(PlanEditingService.StateOf)],
            decisions,
            followUps,
            measurements,
            plan.ConcurrencyToken);
    }

    /// <summary>The plan's audit trail, newest first: read-only, as everything in the log.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(ClaimsPrincipal user, int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        var organisationId = await db.Plans.Where(p => p.Id == planId).Select(p => (int?)p.OrganisationId).SingleOrDefaultAsync(ct);
        if (organisationId is null || !actor.CanReadWorkingCopyOf(organisationId.Value))
        {
            throw actors.Refuse(actor, "ReadHistory", "Plan", planId, "Du har inte behörighet att se den här planens historik.");
        }

        var key = planId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "Plan" && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new HistoryEntry(a.AtUtc, a.User, a.Action, a.Before, a.After))
            .ToListAsync(ct);
        var names = await PeopleNames.ReadAsync(db, entries.Select(e => e.User), ct);
        return [.. entries.Select(e => e with { User = names.Of(e.User) })];
    }
}
