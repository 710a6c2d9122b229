using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Dashboard;
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

/// <param name="LinkedGoals">Goals linked to the area in the latest decided version of each plan of <see cref="CycleSummary.BudgetYear"/>.</param>
public sealed record AreaCard(string Slug, string Title, string Lead, IReadOnlyList<string> Ambitions, int LinkedGoals);

/// <summary>The decision status of one budget year: the same organisations and counts as the dashboard shows for it.</summary>
public sealed record CycleSummary(
    int BudgetYear,
    DateOnly DraftDeadline,
    DateOnly FinalDeadline,
    int Organisations,
    int DraftsDecided,
    int FinalsDecided,
    int DraftsOverdue,
    int FinalsOverdue,
    int DraftsDue,
    int FinalsDue)
{
    public static CycleSummary Of(DecisionStatusModel status) => new(
        status.BudgetYear, status.DraftDeadline, status.FinalDeadline, status.Rows.Count,
        status.DraftsDecided, status.FinalsDecided, status.DraftsOverdue, status.FinalsOverdue, status.DraftsDue, status.FinalsDue);
}

/// <summary>The reader of the start page: two SQL commands whatever the number of organisations.</summary>
public sealed class StartPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time, PlanSnapshotCache snapshots)
{
    public async Task<StartPageModel?> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Name, m.Vision, m.VisionIsIncomplete, m.VisionDecidedOn,
                Periods = db.MandatePeriods.Where(p => p.MunicipalityId == m.Id).Select(p => new
                {
                    Summary = new PeriodSummary(p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy),
                    Areas = p.Areas.OrderBy(a => a.SortOrder).Select(a => new
                    {
                        a.Slug, a.Title, a.Lead,
                        Ambitions = a.Ambitions.OrderBy(x => x.SortOrder).Select(x => x.Text).ToList(),
                    }).ToList(),
                }).ToList(),
                Cycles = db.PlanningCycles.Where(c => c.MunicipalityId == m.Id)
                    .Select(c => new { c.BudgetYear, c.DraftDeadline, c.FinalDeadline })
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (municipality is null)
        {
            return null;
        }

        var periods = municipality.Periods;
        var today = PlanningCalendar.Today(time);
        var cycles = municipality.Cycles
            .Select(c => new CycleDates(municipality.Id, c.BudgetYear, c.DraftDeadline, c.FinalDeadline,
                periods.Any(p => p.Summary.StartYear <= c.BudgetYear && c.BudgetYear <= p.Summary.EndYear && p.Areas.Count > 0)))
            .ToList();
        var cycle = PlanningCalendar.ShownCycle(cycles, today);
        var focusYear = cycle?.BudgetYear ?? today.Year;

        // The period of the year in focus; while its areas are not yet entered, the latest areas stay on show.
        var period = periods.FirstOrDefault(p => p.Summary.StartYear <= focusYear && focusYear <= p.Summary.EndYear && p.Areas.Count > 0)
            ?? periods.Where(p => p.Areas.Count > 0 && p.Summary.StartYear <= focusYear).OrderByDescending(p => p.Summary.StartYear).FirstOrDefault()
            ?? periods.OrderByDescending(p => p.Summary.StartYear).FirstOrDefault();

        var organisations = cycle is null ? [] : await db.OrganisationsOfYearAsync(snapshots, municipality.Id, cycle.BudgetYear, OrganisationFilter.All, ct);
        var goalsPerArea = organisations
            .SelectMany(o => o.Goals)
            .SelectMany(g => g.Areas)
            .GroupBy(a => a.Slug)
            .ToDictionary(g => g.Key, g => g.Count());

        return new StartPageModel(
            municipality.Name,
            municipality.Vision,
            municipality.VisionIsIncomplete,
            municipality.VisionDecidedOn,
            period?.Summary,
            period is null ? [] : [.. period.Areas.Select(a => new AreaCard(a.Slug, a.Title, a.Lead, a.Ambitions, goalsPerArea.GetValueOrDefault(a.Slug)))],
            cycle is null ? null : CycleSummary.Of(DecisionStatusModel.From(cycle, [], OrganisationFilter.All, organisations, today)));
    }
}
