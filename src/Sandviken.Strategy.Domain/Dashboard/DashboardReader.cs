using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Dashboard;

public sealed record DecisionStatusModel(
    int BudgetYear,
    IReadOnlyList<int> BudgetYears,
    DateOnly DraftDeadline,
    DateOnly FinalDeadline,
    OrganisationFilter Filter,
    IReadOnlyList<DecisionStatusRow> Rows)
{
    public int DraftsDecided => Count(r => r.Draft, DecisionState.Decided);

    public int FinalsDecided => Count(r => r.Final, DecisionState.Decided);

    public int DraftsOverdue => Count(r => r.Draft, DecisionState.Overdue);

    public int FinalsOverdue => Count(r => r.Final, DecisionState.Overdue);

    /// <summary>The organisations the April decision was due from (not those added after its deadline).</summary>
    public int DraftsDue => Rows.Count - Count(r => r.Draft, DecisionState.NotApplicable);

    public int FinalsDue => Rows.Count - Count(r => r.Final, DecisionState.NotApplicable);

    /// <summary>Organisations with at least one overdue decision.</summary>
    public int OrganisationsOverdue => Rows.Count(r => r.Draft.State == DecisionState.Overdue || r.Final.State == DecisionState.Overdue);

    private int Count(Func<DecisionStatusRow, DecisionStatusCell> cell, DecisionState state) => Rows.Count(r => cell(r).State == state);

    /// <summary>The one way the public pages turn a year's organisations into decision states (start page and dashboard alike).</summary>
    public static DecisionStatusModel From(
        CycleDates cycle, IReadOnlyList<int> budgetYears, OrganisationFilter filter, IEnumerable<OrganisationYear> organisations, DateOnly today) =>
        new(cycle.BudgetYear, budgetYears, cycle.DraftDeadline, cycle.FinalDeadline, filter,
            [.. organisations.Select(o => new DecisionStatusRow(o.Slug, o.Name, o.Kind,
                DecisionStatusCell.Of(o.DraftState(cycle, today), o.Draft),
                DecisionStatusCell.Of(o.FinalState(cycle, today), o.Final)))]);
}

public sealed record DecisionStatusRow(string Slug, string Name, OrganisationKind Kind, DecisionStatusCell Draft, DecisionStatusCell Final);

/// <summary>One cell of the dashboard: the state, and the decision when there is one.</summary>
public sealed record DecisionStatusCell(DecisionState State, DateOnly? DecidedOn, string? DecidedBy, string? Reference, int? VersionNumber)
{
    public static DecisionStatusCell Of(DecisionState state, DecisionView? decision) =>
        new(state, decision?.DecidedOn, decision?.DecidedBy, decision?.Reference, decision?.VersionNumber);
}

/// <summary>The dashboard /beslutsstatus: the decision status table, the follow-up roll-ups and the coverage (träffbild).</summary>
public sealed record DashboardModel(DecisionStatusModel Status, FollowUpRollUp RollUp, CoverageModel Coverage);

/// <summary>
/// The reader of /beslutsstatus and its CSV. "Försenad" is computed against the cycle's deadlines with the injected
/// clock. Three SQL commands for the dashboard and two for the CSV, whatever the number of organisations.
/// </summary>
public sealed class DashboardReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    /// <param name="budgetYear">The year asked for, or null for the year the public pages show (<see cref="PlanningCalendar.ShownCycle(IEnumerable{CycleDates}, DateOnly)"/>).</param>
    /// <returns>Null when there is no planning cycle for the year (or none at all).</returns>
    public async Task<DashboardModel?> ReadAsync(int? budgetYear, OrganisationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ReadYearAsync(db, budgetYear, filter, ct) is not { } read)
        {
            return null;
        }

        var (status, areas, organisations) = read;

        var assessments = await db.AssessmentsOfYearAsync(status.BudgetYear, ct);
        return new DashboardModel(
            status,
            FollowUpRollUp.From(status.BudgetYear, organisations, areas.Select(a => (a.Slug, a.Title)), assessments),
            CoverageModel.From(status.BudgetYear, areas, organisations));
    }

    /// <summary>The status table alone, for the CSV.</summary>
    public async Task<DecisionStatusModel?> ReadStatusAsync(int? budgetYear, OrganisationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ReadYearAsync(db, budgetYear, filter, ct))?.Status;
    }

    private async Task<(DecisionStatusModel Status, List<CoverageArea> Areas, List<OrganisationYear> Organisations)?> ReadYearAsync(
        StrategyDbContext db, int? budgetYear, OrganisationFilter filter, CancellationToken ct)
    {
        var today = PlanningCalendar.Today(time);
        var cycles = await db.PlanningCycles.AsNoTracking()
            .OrderBy(c => c.BudgetYear)
            .Select(c => new
            {
                c.MunicipalityId, c.BudgetYear, c.DraftDeadline, c.FinalDeadline,
                Areas = db.StrategicAreas
                    .Where(a => a.MandatePeriod.MunicipalityId == c.MunicipalityId
                        && a.MandatePeriod.StartYear <= c.BudgetYear && a.MandatePeriod.EndYear >= c.BudgetYear)
                    .OrderBy(a => a.SortOrder)
                    .Select(a => new CoverageArea(a.Slug, a.Title))
                    .ToList(),
            })
            .ToListAsync(ct);
        var dates = cycles.Select(c => new CycleDates(c.MunicipalityId, c.BudgetYear, c.DraftDeadline, c.FinalDeadline, c.Areas.Count > 0)).ToList();
        var cycle = budgetYear is { } year ? dates.SingleOrDefault(c => c.BudgetYear == year) : PlanningCalendar.ShownCycle(dates, today);
        if (cycle is null)
        {
            return null;
        }

        var organisations = await db.OrganisationsOfYearAsync(cycle.MunicipalityId, cycle.BudgetYear, filter, ct);
        var status = DecisionStatusModel.From(cycle, [.. dates.Select(c => c.BudgetYear)], filter, organisations, today);
        return (status, cycles.Single(c => c.BudgetYear == cycle.BudgetYear).Areas, organisations);
    }
}
