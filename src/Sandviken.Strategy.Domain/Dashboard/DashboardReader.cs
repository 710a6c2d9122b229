using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>The dashboard /beslutsstatus: the decision status table, the follow-up roll-ups and the coverage (träffbild).</summary>
public sealed record DashboardModel(DecisionStatusModel Status, FollowUpRollUp RollUp, CoverageModel Coverage);

/// <summary>
/// The reader of /beslutsstatus and its CSV. "Försenad" is computed against the cycle's deadlines with the injected
/// clock. Three SQL commands for the dashboard and two for the CSV, whatever the number of organisations.
/// </summary>
public sealed class DashboardReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time, PlanSnapshotCache snapshots)
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
            FollowUpRollUp.From(status.BudgetYear, organisations, areas, assessments),
            CoverageModel.From(status.BudgetYear, areas, organisations));
    }

    /// <summary>The status table alone, for the CSV.</summary>
    public async Task<DecisionStatusModel?> ReadStatusAsync(int? budgetYear, OrganisationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ReadYearAsync(db, budgetYear, filter, ct))?.Status;
    }

    private async Task<(DecisionStatusModel Status, List<AreaReference> Areas, List<OrganisationYear> Organisations)?> ReadYearAsync(
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
                    .Select(a => new AreaReference(a.Slug, a.Title))
                    .ToList(),
            })
            .ToListAsync(ct);
        var dates = cycles.Select(c => new CycleDates(c.MunicipalityId, c.BudgetYear, c.DraftDeadline, c.FinalDeadline, c.Areas.Count > 0)).ToList();
        var cycle = budgetYear is { } year ? dates.SingleOrDefault(c => c.BudgetYear == year) : PlanningCalendar.ShownCycle(dates, today);
        if (cycle is null)
        {
            return null;
        }

        var organisations = await db.OrganisationsOfYearAsync(snapshots, cycle.MunicipalityId, cycle.BudgetYear, filter, ct);
        var status = DecisionStatusModel.From(cycle, [.. dates.Select(c => c.BudgetYear)], filter, organisations, today);
        return (status, cycles.Single(c => c.BudgetYear == cycle.BudgetYear).Areas, organisations);
    }
}
