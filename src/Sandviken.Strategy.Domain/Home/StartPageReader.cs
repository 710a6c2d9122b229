using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Home;

public sealed record StartPageModel(
    string MunicipalityName,
    string? Vision,
    bool VisionIsIncomplete,
    DateOnly? VisionDecidedOn,
    PeriodSummary? Period,
    IReadOnlyList<AreaCard> Areas,
    CycleSummary? Cycle);

public sealed record PeriodSummary(string Name, int StartYear, int EndYear, DateOnly AreasDecidedOn, string AreasDecidedBy);

/// <param name="LinkedGoals">Goals linked to the area in the latest decided version of each plan of <see cref="CycleSummary.BudgetYear"/>.</param>
public sealed record AreaCard(string Slug, string Title, string Lead, IReadOnlyList<string> Ambitions, int LinkedGoals);

/// <summary>The decision status of one budget year over all active organisations.</summary>
public sealed record CycleSummary(
    int BudgetYear,
    DateOnly DraftDeadline,
    DateOnly FinalDeadline,
    int Organisations,
    int DraftsDecided,
    int FinalsDecided,
    int Overdue);

public sealed class StartPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    public async Task<StartPageModel?> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
        if (municipality is null)
        {
            return null;
        }

        var today = PlanningCalendar.Today(time);
        var cycles = await db.PlanningCycles.AsNoTracking().Where(c => c.MunicipalityId == municipality.Id).ToListAsync(ct);
        var cycle = PlanningCalendar.CurrentCycle(cycles, c => c.BudgetYear, c => c.FinalDeadline, today);
        var focusYear = cycle?.BudgetYear ?? today.Year;

        var periods = await db.MandatePeriods.AsNoTracking()
            .Where(p => p.MunicipalityId == municipality.Id)
            .Select(p => new
            {
                p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy,
                Areas = p.Areas.OrderBy(a => a.SortOrder).Select(a => new
                {
                    a.Slug, a.Title, a.Lead,
                    Ambitions = a.Ambitions.OrderBy(m => m.SortOrder).Select(m => m.Text).ToList(),
                }).ToList(),
            })
            .ToListAsync(ct);
        // The period of the year in focus; while its areas are not yet entered, the latest areas stay on show.
        var period = periods.FirstOrDefault(p => p.StartYear <= focusYear && focusYear <= p.EndYear && p.Areas.Count > 0)
            ?? periods.Where(p => p.Areas.Count > 0 && p.StartYear <= focusYear).OrderByDescending(p => p.StartYear).FirstOrDefault()
            ?? periods.OrderByDescending(p => p.StartYear).FirstOrDefault();

        var decided = cycle is null ? [] : await db.LatestForYearAsync(cycle.BudgetYear, ct);
        var goalsPerArea = decided
            .SelectMany(p => p.Snapshot.Goals)
            .SelectMany(g => g.Areas)
            .GroupBy(a => a.Slug)
            .ToDictionary(g => g.Key, g => g.Count());

        return new StartPageModel(
            municipality.Name,
            municipality.Vision,
            municipality.VisionIsIncomplete,
            municipality.VisionDecidedOn,
            period is null ? null : new PeriodSummary(period.Name, period.StartYear, period.EndYear, period.AreasDecidedOn, period.AreasDecidedBy),
            period is null ? [] : [.. period.Areas.Select(a => new AreaCard(a.Slug, a.Title, a.Lead, a.Ambitions, goalsPerArea.GetValueOrDefault(a.Slug)))],
            cycle is null ? null : await SummariseAsync(db, cycle, today, ct));
    }

    private static async Task<CycleSummary> SummariseAsync(StrategyDbContext db, PlanningCycle cycle, DateOnly today, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.MunicipalityId == cycle.MunicipalityId && o.IsActive)
            .Select(o => new
            {
                HasDraft = db.Decisions.Any(d => d.Plan.OrganisationId == o.Id && d.Plan.BudgetYear == cycle.BudgetYear && d.Kind == DecisionKind.Draft),
                HasFinal = db.Decisions.Any(d => d.Plan.OrganisationId == o.Id && d.Plan.BudgetYear == cycle.BudgetYear && d.Kind == DecisionKind.Final),
            })
            .ToListAsync(ct);
        return new CycleSummary(
            cycle.BudgetYear,
            cycle.DraftDeadline,
            cycle.FinalDeadline,
            organisations.Count,
            organisations.Count(o => o.HasDraft),
            organisations.Count(o => o.HasFinal),
            organisations.Count(o =>
                PlanningCalendar.StateOf(o.HasDraft, cycle.DraftDeadline, today) == DecisionState.Overdue
                || PlanningCalendar.StateOf(o.HasFinal, cycle.FinalDeadline, today) == DecisionState.Overdue));
    }
}
