using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>Which organisations a dashboard shows: all, only committees or only companies.</summary>
public enum OrganisationFilter
{
    All,
    Committees,
    Companies,
}

/// <summary>The one definition of what each <see cref="OrganisationFilter"/> lets through, for queries and lists alike.</summary>
public static class OrganisationFilters
{
    /// <summary>The kind the filter keeps, or null for all.</summary>
    public static OrganisationKind? Kind(this OrganisationFilter filter) => filter switch
    {
        OrganisationFilter.Committees => OrganisationKind.Committee,
        OrganisationFilter.Companies => OrganisationKind.Company,
        _ => null,
    };

    public static bool Includes(this OrganisationFilter filter, OrganisationKind kind) => filter.Kind() is not { } only || only == kind;

    public static IQueryable<Organisation> Shown(this IQueryable<Organisation> organisations, OrganisationFilter filter) =>
        filter.Kind() is { } only ? organisations.Where(o => o.Kind == only) : organisations;
}

public sealed record DecisionStatusModel(
    int BudgetYear,
    IReadOnlyList<int> BudgetYears,
    DateOnly DraftDeadline,
    DateOnly FinalDeadline,
    OrganisationFilter Filter,
    IReadOnlyList<DecisionStatusRow> Rows)
{
    public int DraftsDecided => Rows.Count(r => r.Draft.State == DecisionState.Decided);

    public int FinalsDecided => Rows.Count(r => r.Final.State == DecisionState.Decided);

    public int DraftsOverdue => Rows.Count(r => r.Draft.State == DecisionState.Overdue);

    public int FinalsOverdue => Rows.Count(r => r.Final.State == DecisionState.Overdue);
}

public sealed record DecisionStatusRow(string Slug, string Name, OrganisationKind Kind, DecisionStatusCell Draft, DecisionStatusCell Final);

/// <summary>One cell of the dashboard: the state, and the decision when there is one.</summary>
public sealed record DecisionStatusCell(DecisionState State, DateOnly? DecidedOn, string? DecidedBy, string? Reference, int? VersionNumber);

/// <summary>
/// The decision status of every nämnd and bolag for a budget year. "Försenad" is computed against the
/// cycle's deadlines with the injected clock. Three queries whatever the number of organisations.
/// </summary>
public sealed class DecisionStatusReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    /// <returns>Null when there is no planning cycle for the year (or none at all).</returns>
    public async Task<DecisionStatusModel?> ReadAsync(int? budgetYear, OrganisationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = PlanningCalendar.Today(time);
        var cycles = await db.PlanningCycles.AsNoTracking().OrderBy(c => c.BudgetYear).ToListAsync(ct);
        var cycle = budgetYear is { } year
            ? cycles.SingleOrDefault(c => c.BudgetYear == year)
            : PlanningCalendar.CurrentCycle(cycles, c => c.BudgetYear, c => c.FinalDeadline, today);
        if (cycle is null)
        {
            return null;
        }

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.MunicipalityId == cycle.MunicipalityId)
            .Shown(filter)
            // Inactive organisations still count for a year in which they had a plan.
            .Where(o => o.IsActive || db.Plans.Any(p => p.OrganisationId == o.Id && p.BudgetYear == cycle.BudgetYear))
            .Select(o => new { o.Slug, o.Name, o.Kind })
            .ToListAsync(ct);
        var decisions = await db.Decisions.AsNoTracking()
            .Where(d => d.Plan.BudgetYear == cycle.BudgetYear)
            .Select(d => new { d.Plan.Organisation.Slug, d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, Version = d.PlanVersion.Number })
            .ToListAsync(ct);

        DecisionStatusCell Cell(string slug, DecisionKind kind, DateOnly deadline)
        {
            var decision = decisions.Where(d => d.Slug == slug && d.Kind == kind).MaxBy(d => d.Version);
            return decision is null
                ? new DecisionStatusCell(PlanningCalendar.StateOf(false, deadline, today), null, null, null, null)
                : new DecisionStatusCell(DecisionState.Decided, decision.DecidedOn, decision.DecidedBy, decision.Reference, decision.Version);
        }

        return new DecisionStatusModel(
            cycle.BudgetYear,
            [.. cycles.Select(c => c.BudgetYear)],
            cycle.DraftDeadline,
            cycle.FinalDeadline,
            filter,
            [.. organisations
                .OrderBy(o => o.Kind)
                .ThenBy(o => o.Name, Swedish.Comparer)
                .Select(o => new DecisionStatusRow(o.Slug, o.Name, o.Kind,
                    Cell(o.Slug, DecisionKind.Draft, cycle.DraftDeadline),
                    Cell(o.Slug, DecisionKind.Final, cycle.FinalDeadline)))]);
    }
}
