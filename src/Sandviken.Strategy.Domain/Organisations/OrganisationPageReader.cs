using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Organisations;

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
    DecisionState FinalState)
{
    /// <summary>
    /// The summary of one budget year from the plan's decisions (none without a plan) and the year's cycle (null without
    /// one): the latest decision of each kind, and Försenad or Ej aktuell from the deadlines and the day the organisation
    /// was added.
    /// </summary>
    public static PlanSummary Of(
        int budgetYear, PlanStatus? status, IReadOnlyCollection<DecisionView> decisions, (DateOnly Draft, DateOnly Final)? deadlines, DateOnly? addedOn, DateOnly today)
    {
        var draft = decisions.Where(d => d.Kind == DecisionKind.Draft).MaxBy(d => d.VersionNumber);
        var final = decisions.Where(d => d.Kind == DecisionKind.Final).MaxBy(d => d.VersionNumber);
        return new PlanSummary(
            budgetYear,
            status ?? PlanStatus.Draft,
            draft,
            final,
            StateOf(draft, deadlines?.Draft),
            StateOf(final, deadlines?.Final));

        DecisionState StateOf(DecisionView? decision, DateOnly? deadline) => deadline is { } due
            ? PlanningCalendar.StateOf(decision is not null, due, today, addedOn)
            : decision is null ? DecisionState.NotDecided : DecisionState.Decided;
    }
}

public sealed record DecisionView(DecisionKind Kind, DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber);

/// <summary>The reader of /organisationer/{slug}: two SQL commands whatever the number of plans.</summary>
public sealed class OrganisationPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    public async Task<OrganisationPageModel?> ReadAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Slug, o.Name, o.Kind, o.IsActive, o.IsDemo, o.MunicipalityId, o.AddedOn,
                ParentSlug = o.Parent == null ? null : o.Parent.Slug,
                ParentName = o.Parent == null ? null : o.Parent.Name,
                Plans = db.Plans.Where(p => p.OrganisationId == o.Id).Select(p => new
                {
                    p.BudgetYear,
                    p.Status,
                    Decisions = p.Decisions
                        .Select(d => new DecisionView(d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
                        .ToList(),
                }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return null;
        }

        var cycles = await db.PlanningCycles.AsNoTracking()
            .Where(c => c.MunicipalityId == organisation.MunicipalityId)
            .Select(c => new { c.BudgetYear, c.DraftDeadline, c.FinalDeadline })
            .ToListAsync(ct);
        var today = PlanningCalendar.Today(time);

        // A cycle without a plan is still a row: nothing decided, perhaps overdue.
        var years = organisation.Plans.Select(p => p.BudgetYear).Union(cycles.Select(c => c.BudgetYear));
        var plans = years.Select(year =>
        {
            var plan = organisation.Plans.SingleOrDefault(p => p.BudgetYear == year);
            var cycle = cycles.SingleOrDefault(c => c.BudgetYear == year);
            return PlanSummary.Of(year, plan?.Status, plan?.Decisions ?? [], cycle is null ? null : (cycle.DraftDeadline, cycle.FinalDeadline), organisation.AddedOn, today);
        });
        return new OrganisationPageModel(
            organisation.Slug, organisation.Name, organisation.Kind, organisation.ParentSlug, organisation.ParentName,
            organisation.IsActive, organisation.IsDemo, [.. plans.OrderByDescending(p => p.BudgetYear)]);
    }
}
